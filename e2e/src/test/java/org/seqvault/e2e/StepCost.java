package org.seqvault.e2e;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * Wall time and CPU time of one step of a measured transfer: CPU per server process, and of this
 * JVM (which runs the client and, in the S3 tests, S3Proxy). CPU time says what a step costs even
 * when a loaded machine stretches the wall time.
 */
final class StepCost {
    private final List<ServerProcess> servers;
    private long wallStart;
    private long[] cpuStart;

    private StepCost(List<ServerProcess> servers) {
        this.servers = servers;
    }

    /** Starts measuring. */
    static StepCost start(ServerProcess... servers) {
        StepCost cost = new StepCost(List.of(servers));
        cost.restart();
        return cost;
    }

    /** The step's cost so far as "wall s (cpu: A s, B s, test JVM s)"; then measures the next step. */
    String next() {
        long wall = System.nanoTime() - wallStart;
        long[] cpu = cpuNow();
        StringBuilder out = new StringBuilder(String.format("%.1f s (cpu:", wall / 1e9));
        for (int i = 0; i < cpu.length; i++) {
            String who = i < servers.size() ? "server " + (char) ('A' + i) : "test JVM";
            out.append(String.format(" %s %.1f s%s", who, (cpu[i] - cpuStart[i]) / 1e9, i < cpu.length - 1 ? "," : ")"));
        }
        restart();
        return out.toString();
    }

    private void restart() {
        cpuStart = cpuNow();
        wallStart = System.nanoTime();
    }

    private long[] cpuNow() {
        long[] cpu = new long[servers.size() + 1];
        for (int i = 0; i < servers.size(); i++) {
            cpu[i] = servers.get(i).process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        cpu[servers.size()] = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return cpu;
    }
}
