package day2ops.metrics.container;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * A child process for {@link CgroupLiveTest}: waits for "go" on stdin, then holds 96 MiB of
 * touched memory and spins until it has used one CPU second (at most 20 s of wall time), prints
 * "ready", and exits when stdin closes.
 */
public final class Burner {

    private Burner() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        in.readLine();
        byte[] memory = new byte[96 * 1024 * 1024];
        for (int i = 0; i < memory.length; i += 4096) {
            memory[i] = 1;
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long startCpu = os.getProcessCpuTime();
        long deadline = System.nanoTime() + 20_000_000_000L;
        long spin = 0;
        while (os.getProcessCpuTime() - startCpu < 1_000_000_000L && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                spin += i ^ (spin >>> 3);
            }
        }
        System.out.println("ready " + (spin & 1) + " " + memory[4096]);
        System.out.flush();
        in.readLine();
    }
}
