package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How Docker's stats and /proc become the kubelet Summary's figures. */
class ResourceUsageTest {

    @Test
    void cpuIsTheRateBetweenDockersTwoSamplesAndMemoryTheWorkingSet() throws Exception {
        // Docker's one-shot stats (API 1.41, cgroup v2): 0.25 s of CPU over a 1 s window; 8 MiB of 10 MiB is
        // inactive file cache.
        String json = """
                {"read":"2026-12-07T08:00:01.000000000Z","preread":"2026-12-07T08:00:00.000000000Z",
                 "cpu_stats":{"cpu_usage":{"total_usage":1250000000},"system_cpu_usage":9,"online_cpus":2},
                 "precpu_stats":{"cpu_usage":{"total_usage":1000000000},"system_cpu_usage":8,"online_cpus":2},
                 "memory_stats":{"usage":10485760,"stats":{"inactive_file":8388608},"limit":99}}""";
        Statistics stats = new ObjectMapper().readValue(json, Statistics.class);
        ContainerUsage usage = DockerStats.usageOf(stats).orElseThrow();
        assertEquals(250_000_000L, usage.nanoCores(), "a quarter of a core");
        assertEquals(1_250_000_000L, usage.coreNanoSeconds());
        assertEquals(2 * 1024 * 1024, usage.workingSetBytes());
        assertEquals(10485760, usage.usageBytes());
    }

    @Test
    void cgroupV1CountsTotalInactiveFileAndAFirstSampleHasNoRate() throws Exception {
        String json = """
                {"read":"2026-12-07T08:00:01Z","preread":"0001-01-01T00:00:00Z",
                 "cpu_stats":{"cpu_usage":{"total_usage":500}},"precpu_stats":{"cpu_usage":{}},
                 "memory_stats":{"usage":4096,"stats":{"total_inactive_file":1024}}}""";
        ContainerUsage usage = DockerStats.usageOf(new ObjectMapper().readValue(json, Statistics.class))
                .orElseThrow();
        assertEquals(0, usage.nanoCores());
        assertEquals(3072, usage.workingSetBytes());
    }

    @Test
    void theNodesCpuIsBusyTimeOverTheWindowAndMemoryWhatIsNotAvailable(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("stat"), "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1 1 1 1\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       2048 kB\nMemFree: 1 kB\nMemAvailable:    512 kB\n");
        NodeUsage node = new NodeUsage(proc);
        ContainerUsage first = node.read();
        assertEquals(0, first.nanoCores(), "nothing changed in the first window");
        assertEquals(200 * 10_000_000L, first.coreNanoSeconds(), "user + system ticks of 10 ms");
        assertEquals(1536 * 1024, first.workingSetBytes());
        Files.writeString(proc.resolve("stat"), "cpu  150 0 150 900 0 0 0 0 0 0\n");
        ContainerUsage second = node.read();
        assertTrue(second.nanoCores() > 0, "100 more busy ticks since the last read");
    }
}
