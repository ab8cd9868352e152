package org.kubeedgej.edge.edged;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A running container's CPU and memory from Docker's one-shot stats, which carry two CPU samples about a second
 * apart (so a rate needs one call), on a client of its own so a slow answer never holds the pod syncer's.
 */
final class DockerStats implements AutoCloseable {

    static final int MAX_CALLS = 8;

    private final DockerClient docker;

    DockerStats(String dockerHost) {
        this.docker = DockerClients.create(dockerHost, MAX_CALLS, Duration.ofSeconds(30));
    }

    /** @return the usage, or empty when the container is gone or Docker has no figures for it */
    CompletableFuture<Optional<ContainerUsage>> usage(String containerId) {
        CompletableFuture<Optional<ContainerUsage>> answer = new CompletableFuture<>();
        docker.statsCmd(containerId).withNoStream(true).exec(new ResultCallback.Adapter<Statistics>() {
            @Override
            public void onNext(Statistics stats) {
                answer.complete(usageOf(stats));
            }

            @Override
            public void onError(Throwable error) {
                answer.complete(Optional.empty());
            }

            @Override
            public void onComplete() {
                answer.complete(Optional.empty());
            }
        });
        return answer;
    }

    static Optional<ContainerUsage> usageOf(Statistics stats) {
        CpuStatsConfig cpu = stats.getCpuStats();
        MemoryStatsConfig memory = stats.getMemoryStats();
        if (cpu == null || cpu.getCpuUsage() == null || cpu.getCpuUsage().getTotalUsage() == null || memory == null
                || memory.getUsage() == null) {
            return Optional.empty();
        }
        Instant read = parse(stats.getRead());
        Instant preread = parse(stats.getPreread());
        long total = cpu.getCpuUsage().getTotalUsage();
        long nanoCores = 0;
        CpuStatsConfig pre = stats.getPreCpuStats();
        if (read != null && preread != null && pre != null && pre.getCpuUsage() != null
                && pre.getCpuUsage().getTotalUsage() != null && preread.isAfter(Instant.EPOCH)) {
            long window = Duration.between(preread, read).toNanos();
            long used = total - pre.getCpuUsage().getTotalUsage();
            if (window > 0 && used >= 0) {
                nanoCores = (long) (used * 1e9 / window);
            }
        }
        long usage = memory.getUsage();
        StatsConfig details = memory.getStats();
        // cgroup v2 reports inactive_file, v1 total_inactive_file: the kubelet's working set subtracts it.
        long inactive = details == null ? 0 : details.getInactiveFile() != null ? details.getInactiveFile()
                : details.getTotalInactiveFile() != null ? details.getTotalInactiveFile() : 0;
        return Optional.of(new ContainerUsage(read == null ? Instant.now() : read, nanoCores, total,
                Math.max(0, usage - inactive), usage));
    }

    private static Instant parse(String time) {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (RuntimeException notATime) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }
}
