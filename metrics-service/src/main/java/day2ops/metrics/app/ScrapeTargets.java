package day2ops.metrics.app;

import day2ops.common.mesos.AgentState;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the Prometheus endpoints tasks ask to have scraped, the DC/OS way:
 * <ul>
 *   <li>a task port labelled {@code DCOS_METRICS_FORMAT=prometheus} (path from the port label
 *       {@code DCOS_METRICS_ENDPOINT}, default {@code /metrics}); or</li>
 *   <li>task labels {@code DCOS_METRICS_FORMAT=prometheus} plus {@code DCOS_METRICS_PORT_INDEX}
 *       or {@code DCOS_METRICS_PORT_NAME} selecting the port (path from the task label
 *       {@code DCOS_METRICS_ENDPOINT}).</li>
 * </ul>
 * The host is the node address, or the task's container IP when the port is labelled
 * {@code network-scope=container}.
 */
public final class ScrapeTargets {

    static final String FORMAT = "DCOS_METRICS_FORMAT";
    static final String ENDPOINT = "DCOS_METRICS_ENDPOINT";
    static final String PORT_INDEX = "DCOS_METRICS_PORT_INDEX";
    static final String PORT_NAME = "DCOS_METRICS_PORT_NAME";

    private ScrapeTargets() {
    }

    public static List<ScrapeTarget> discover(AgentState state, String nodeAddress) {
        List<ScrapeTarget> targets = new ArrayList<>();
        if (state == null || state.frameworks() == null) {
            return targets;
        }
        for (AgentState.Framework framework : state.frameworks()) {
            for (AgentState.Executor executor : nullSafe(framework.executors())) {
                if (executor.container() == null) {
                    continue;
                }
                for (AgentState.Task task : nullSafe(executor.tasks())) {
                    if (!"TASK_RUNNING".equals(task.state())) {
                        continue;
                    }
                    targets.addAll(forTask(executor.container(), task, nodeAddress));
                }
            }
        }
        return targets;
    }

    private static List<ScrapeTarget> forTask(String containerId, AgentState.Task task, String nodeAddress) {
        List<AgentState.Port> ports = task.discovery() == null || task.discovery().ports() == null
                ? List.of() : nullSafe(task.discovery().ports().ports());
        Map<String, String> taskLabels = labels(task.labels());
        List<ScrapeTarget> targets = new ArrayList<>();
        for (AgentState.Port port : ports) {
            Map<String, String> portLabels = labels(port.labels() == null ? null : port.labels().labels());
            if ("prometheus".equalsIgnoreCase(portLabels.get(FORMAT))) {
                targets.add(target(containerId, task, port, portLabels, portLabels.getOrDefault(ENDPOINT, "/metrics"),
                        nodeAddress));
            }
        }
        if (targets.isEmpty() && "prometheus".equalsIgnoreCase(taskLabels.get(FORMAT))) {
            AgentState.Port selected = select(ports, taskLabels);
            if (selected != null) {
                Map<String, String> portLabels = labels(selected.labels() == null ? null : selected.labels().labels());
                targets.add(target(containerId, task, selected, portLabels,
                        taskLabels.getOrDefault(ENDPOINT, "/metrics"), nodeAddress));
            }
        }
        return targets;
    }

    private static AgentState.Port select(List<AgentState.Port> ports, Map<String, String> taskLabels) {
        String name = taskLabels.get(PORT_NAME);
        if (name != null) {
            return ports.stream().filter(p -> name.equals(p.name())).findFirst().orElse(null);
        }
        String index = taskLabels.get(PORT_INDEX);
        if (index != null) {
            try {
                int i = Integer.parseInt(index.trim());
                return i >= 0 && i < ports.size() ? ports.get(i) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static ScrapeTarget target(String containerId, AgentState.Task task, AgentState.Port port,
            Map<String, String> portLabels, String path, String nodeAddress) {
        String host = nodeAddress;
        if ("container".equalsIgnoreCase(portLabels.get("network-scope"))) {
            String ip = containerIp(task);
            if (ip != null) {
                host = ip;
            }
        }
        String normalizedPath = path.startsWith("/") ? path : "/" + path;
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new ScrapeTarget(containerId, URI.create("http://" + authority + ":" + port.number() + normalizedPath));
    }

    /** The first IP address in the task's latest status that reports one. */
    static String containerIp(AgentState.Task task) {
        List<AgentState.Status> statuses = new ArrayList<>(nullSafe(task.statuses()));
        statuses.sort((a, b) -> Double.compare(b.timestamp(), a.timestamp()));
        for (AgentState.Status status : statuses) {
            if (status.containerStatus() == null) {
                continue;
            }
            for (AgentState.NetworkInfo network : nullSafe(status.containerStatus().networkInfos())) {
                for (AgentState.IpAddress address : nullSafe(network.ipAddresses())) {
                    if (address.ipAddress() != null && !address.ipAddress().isBlank()) {
                        return address.ipAddress();
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, String> labels(List<AgentState.Label> labels) {
        Map<String, String> map = new HashMap<>();
        for (AgentState.Label label : nullSafe(labels)) {
            if (label.key() != null) {
                map.put(label.key(), label.value() == null ? "" : label.value());
            }
        }
        return map;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
