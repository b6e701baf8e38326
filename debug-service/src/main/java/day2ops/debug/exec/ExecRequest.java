package day2ops.debug.exec;

import java.util.List;

/**
 * What a client asked to run.
 *
 * @param command the command and its arguments, executed directly (no shell)
 * @param stdin whether the client sends input (channel 0)
 * @param tty whether the command runs under a pseudo-terminal (stderr then arrives on stdout)
 * @param term {@code TERM} for the command when {@code tty}
 */
public record ExecRequest(List<String> command, boolean stdin, boolean tty, String term) {

    public ExecRequest {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
    }
}
