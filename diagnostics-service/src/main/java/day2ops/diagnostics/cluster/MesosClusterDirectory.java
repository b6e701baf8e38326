package day2ops.diagnostics.cluster;

import day2ops.common.mesos.MasterAgent;
import day2ops.common.mesos.MesosMasterClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster as DC/OS knows it: the configured masters ({@code diagnostics.cluster.masters}) plus every agent the
 * Mesos master lists in {@code /master/slaves}, asked again on every call. An agent is {@code agent_public} when
 * Mesos marks it public ({@link MasterAgent#isPublic()}: attribute {@code public_ip:true} or resources reserved
 * for {@code slave_public}), else {@code agent}; its IP is the address it registered from.
 */
public class MesosClusterDirectory implements ClusterDirectory {

    private final MesosMasterClient mesos;
    private final List<ClusterNode> masters;
    private final int nodePort;

    public MesosClusterDirectory(MesosMasterClient mesos, List<String> masters, int nodePort) {
        this.mesos = mesos;
        this.masters = parseMasters(masters, nodePort);
        this.nodePort = nodePort;
    }

    @Override
    public List<ClusterNode> nodes() {
        List<MasterAgent> agents;
        try {
            agents = mesos.agents();
        } catch (IOException | RuntimeException e) {
            throw new ClusterDirectoryException("cannot list the cluster's agents: " + e.getMessage(), e);
        }
        return merge(masters, agents, nodePort);
    }

    /** Masters first, then the agents in Mesos' order; an IP already listed (a master that is also an agent) once. */
    static List<ClusterNode> merge(List<ClusterNode> masters, List<MasterAgent> agents, int nodePort) {
        Map<String, ClusterNode> byIp = new LinkedHashMap<>();
        masters.forEach(master -> byIp.putIfAbsent(master.ip(), master));
        for (MasterAgent agent : agents) {
            String ip = agent.address();
            if (ip == null || ip.isBlank()) {
                continue;
            }
            byIp.putIfAbsent(ip, new ClusterNode(ip, agent.isPublic() ? "agent_public" : "agent", ip, nodePort));
        }
        return List.copyOf(byIp.values());
    }

    /** {@code ip} or {@code ip:port} entries; a malformed port or an IP listed twice is an error naming the entry. */
    static List<ClusterNode> parseMasters(List<String> entries, int defaultPort) {
        NodeEntries masters = new NodeEntries("diagnostics.cluster.masters");
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":", -1);
            if (parts.length > 2 || parts[0].isBlank()) {
                throw masters.invalid(entry, "is not ip[:port]");
            }
            masters.add(entry, parts[0], "master", masters.port(entry, parts.length == 2 ? parts[1] : null, defaultPort));
        }
        return masters.nodes();
    }
}
