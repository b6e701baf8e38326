package day2ops.logs.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Mesos agent work dir in a temporary directory, laid out as the agent does
 * ({@code slaves/<agent>/frameworks/<fw>/executors/<ex>/runs/<cid>/}), with the sandbox of
 * {@link MesosAgentResource}'s first task: {@code stdout} is {@code one\ntwo\nthree\nfour\nfive\n}, plus
 * {@code stderr}, a subdirectory, and a symbolic link pointing out of the sandbox.
 */
public final class SandboxFixture {

    public static final String AGENT = "6a1e2f4c-0b5e-4f3a-9d1c-2a7b8c9d0e1f-S1";
    public static final String STDOUT = "one\ntwo\nthree\nfour\nfive\n";

    private SandboxFixture() {
    }

    static Path create() throws IOException {
        Path workDir = Files.createTempDirectory("mesos-work-dir");
        Path run = sandbox(workDir, MesosAgentResource.TASKS[0]);
        Files.writeString(run.resolve("stdout"), STDOUT, StandardCharsets.UTF_8);
        Files.writeString(run.resolve("stderr"), "warning\n", StandardCharsets.UTF_8);
        Files.createDirectories(run.resolve("logs"));
        Files.writeString(run.resolve("logs/app.log"), "started\n", StandardCharsets.UTF_8);
        Files.createSymbolicLink(run.resolve("escape"), Path.of("/etc/hostname"));
        Path ghost = sandbox(workDir, MesosAgentResource.TASKS[3]);
        Files.writeString(ghost.resolve("stdout"), "secret\n", StandardCharsets.UTF_8);
        return workDir;
    }

    static Path sandbox(Path workDir, String[] task) throws IOException {
        return Files.createDirectories(workDir.resolve("slaves").resolve(AGENT).resolve("frameworks")
                .resolve(MesosAgentResource.FRAMEWORK).resolve("executors").resolve(task[0]).resolve("runs").resolve(task[1]));
    }

    /** The route prefix of a task's run: {@code /v2/task/frameworks/…/runs/<cid>}. */
    public static String route(String[] task) {
        return "/v2/task/frameworks/" + MesosAgentResource.FRAMEWORK + "/executors/" + task[0] + "/runs/" + task[1];
    }
}
