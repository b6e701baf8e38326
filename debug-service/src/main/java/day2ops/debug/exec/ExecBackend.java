package day2ops.debug.exec;

import day2ops.debug.task.RunningTask;
import java.io.IOException;

/** A way to run a command inside a running task. */
public interface ExecBackend {

    /** Starts {@code request}'s command inside {@code task}. */
    ExecProcess start(RunningTask task, ExecRequest request) throws IOException;
}
