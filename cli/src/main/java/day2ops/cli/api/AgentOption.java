package day2ops.cli.api;

import picocli.CommandLine.Option;

/** {@code --agent ID}: address another node through the master's {@code /system/v1/agent/{id}/…} routes. */
public class AgentOption {

    @Option(names = "--agent", paramLabel = "ID",
            description = "Agent id (as in the cluster directory) to ask instead of the node behind --url.")
    String agent;

    public AgentOption() {
    }

    public AgentOption(String agent) {
        this.agent = agent;
    }

    /**
     * The path of {@code service} ({@code logs}, {@code metrics}) below Adminrouter: {@code /system/v1/logs}
     * for the node behind the URL, {@code /system/v1/agent/{id}/logs} for another one.
     */
    public String servicePath(String service) {
        if (agent == null) {
            return "/system/v1/" + service;
        }
        if (!agent.matches("[0-9a-zA-Z-]+")) {
            throw new CliException("--agent must be an agent id of letters, digits and '-', got '" + agent + "'", 2);
        }
        return "/system/v1/agent/" + agent + "/" + service;
    }
}
