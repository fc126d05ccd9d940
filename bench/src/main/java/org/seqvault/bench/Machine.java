package org.seqvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A description of the machine the numbers come from, read from /proc and the tools themselves. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        StringBuilder s = new StringBuilder();
        s.append("- CPU: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores visible\n");
        s.append("- Memory: ").append(memTotal()).append("\n");
        s.append("- Virtualisation: ").append(tryRun(List.of("sh", "-c",
                "systemd-detect-virt 2>/dev/null || (grep -q hypervisor /proc/cpuinfo && echo 'a hypervisor (CPU flag)')"
                        + " || echo none"))).append("\n");
        s.append("- Load average as the report was written (1, 5, 15 min; other work on the machine): ").append(PageCache.loadAverage())
                .append("\n");
        s.append("- Kernel: ").append(tryRun(List.of("uname", "-sr"))).append("\n");
        s.append("- Disk (benchmark work directory): ").append(tryRun(List.of("sh", "-c",
                "df -hT . | tail -1 | awk '{print $2\" \"$3\" total\"}'"))).append("\n");
        s.append("- Java: ").append(System.getProperty("java.vm.name")).append(" ").append(System.getProperty("java.version"))
                .append("\n");
        s.append("- Baselines: ").append(tryRun(List.of("sh", "-c", "nginx -v 2>&1"))).append("; ")
                .append(firstLine(tryRun(List.of("sh", "-c", "wrk -v 2>&1 | head -1")))).append("; ")
                .append(firstLine(tryRun(List.of("sh", "-c", "curl --version | head -1")))).append("; S3Proxy ")
                .append(packageVersion(org.gaul.s3proxy.S3Proxy.class)).append("; embedded PostgreSQL binaries ")
                .append("(io.zonky.test, see bench/pom.xml)")
                .append("; SQLite JDBC ").append(packageVersion(org.sqlite.JDBC.class)).append("\n");
        return s.toString();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0))
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String packageVersion(Class<?> c) {
        String v = c.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        String jar = c.getProtectionDomain().getCodeSource().getLocation().getPath();
        return jar.substring(jar.lastIndexOf('/') + 1).replace(".jar", "");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String tryRun(List<String> cmd) {
        try {
            return Cmd.run(cmd).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
