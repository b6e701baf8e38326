package day2ops.debug.exec.mesos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;

/**
 * The Mesos agent v1 API messages of a nested-container session, in the JSON form
 * ({@code Content-Type: application/json}, and as RecordIO records with
 * {@code Message-Content-Type: application/json}). Field names are the protobuf names of
 * {@code mesos.agent.Call}.
 */
final class AgentCalls {

    static final ObjectMapper JSON = new ObjectMapper();

    private AgentCalls() {
    }

    /** {@code {"parent":{"value":parent},"value":child}}. */
    static ObjectNode containerId(String parent, String child) {
        ObjectNode id = JSON.createObjectNode();
        id.putObject("parent").put("value", parent);
        id.put("value", child);
        return id;
    }

    static ObjectNode launchNestedContainerSession(ObjectNode containerId, List<String> command, List<String[]> environment,
            String user, int[] windowSize) {
        ObjectNode call = JSON.createObjectNode().put("type", "LAUNCH_NESTED_CONTAINER_SESSION");
        ObjectNode launch = call.putObject("launch_nested_container_session");
        launch.set("container_id", containerId);
        ObjectNode commandInfo = launch.putObject("command").put("shell", false).put("value", command.get(0));
        ArrayNode arguments = commandInfo.putArray("arguments");
        command.forEach(arguments::add);
        ArrayNode variables = commandInfo.putObject("environment").putArray("variables");
        for (String[] variable : environment) {
            variables.addObject().put("name", variable[0]).put("type", "VALUE").put("value", variable[1]);
        }
        if (user != null) {
            commandInfo.put("user", user);
        }
        if (windowSize != null) {
            launch.putObject("container").put("type", "MESOS").putObject("tty_info").set("window_size", windowSize(windowSize));
        }
        return call;
    }

    static ObjectNode waitContainer(ObjectNode containerId) {
        ObjectNode call = JSON.createObjectNode().put("type", "WAIT_CONTAINER");
        call.putObject("wait_container").set("container_id", containerId);
        return call;
    }

    static ObjectNode killNestedContainer(ObjectNode containerId) {
        ObjectNode call = JSON.createObjectNode().put("type", "KILL_NESTED_CONTAINER");
        call.putObject("kill_nested_container").set("container_id", containerId);
        return call;
    }

    /** The first record of an ATTACH_CONTAINER_INPUT stream. */
    static ObjectNode attachContainerId(ObjectNode containerId) {
        ObjectNode call = attach("CONTAINER_ID");
        ((ObjectNode) call.get("attach_container_input")).set("container_id", containerId);
        return call;
    }

    /** Stdin bytes; an empty chunk tells the agent stdin is at its end. */
    static ObjectNode stdin(byte[] data, int offset, int length) {
        ObjectNode call = attach("PROCESS_IO");
        ObjectNode data1 = processIo(call).put("type", "DATA").putObject("data");
        data1.put("type", "STDIN");
        data1.put("data", Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(data, offset, offset + length)));
        return call;
    }

    static ObjectNode ttyInfo(int columns, int rows) {
        ObjectNode call = attach("PROCESS_IO");
        ObjectNode control = processIo(call).put("type", "CONTROL").putObject("control");
        control.put("type", "TTY_INFO");
        control.putObject("tty_info").set("window_size", windowSize(new int[] {columns, rows}));
        return call;
    }

    static ObjectNode heartbeat(long intervalNanos) {
        ObjectNode call = attach("PROCESS_IO");
        ObjectNode control = processIo(call).put("type", "CONTROL").putObject("control");
        control.put("type", "HEARTBEAT");
        control.putObject("heartbeat").putObject("interval").put("nanoseconds", intervalNanos);
        return call;
    }

    private static ObjectNode attach(String type) {
        ObjectNode call = JSON.createObjectNode().put("type", "ATTACH_CONTAINER_INPUT");
        call.putObject("attach_container_input").put("type", type);
        return call;
    }

    private static ObjectNode processIo(ObjectNode call) {
        return ((ObjectNode) call.get("attach_container_input")).putObject("process_io");
    }

    private static ObjectNode windowSize(int[] columnsRows) {
        return JSON.createObjectNode().put("rows", columnsRows[1]).put("columns", columnsRows[0]);
    }

    /** A {@code waitpid} status as Mesos reports it ({@code exit_status}) → exit code, {@code 128+n} for signal n. */
    static int exitCode(int waitStatus) {
        int signal = waitStatus & 0x7f;
        return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal;
    }
}
