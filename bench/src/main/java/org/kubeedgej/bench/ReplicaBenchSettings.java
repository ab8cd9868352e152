package org.kubeedgej.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options of {@link ReplicaBenchmark} ({@code --name=value}); bench/run-replicas.sh sets the paths. Every other
 * option is the CloudHub benchmark's ({@link BenchSettings}: steps, hold, rates, ...), with defaults that keep both
 * layouts within about ten minutes.
 *
 * @param wlp the Liberty installation (target/liberty/wlp)
 * @param serverDir the packaged CloudCore server (cloud-ear/ear/target/server/cloudcore), copied for each replica
 * @param brokerJar broker/target/kubeedge-broker.jar
 * @param apiServerJar devapiserver/target/devapiserver.jar
 * @param crdsDir crds/, applied to each layout's API server
 * @param workDir servers, journals and logs go below this, one directory per layout
 * @param pidFile every process started is recorded here (for the script's last-resort stop)
 * @param basePort first port (29800); each layout takes 30 ({@link ReplicaLayout})
 * @param layouts what to run, in order: one, two, embedded
 * @param startSeconds how long a replica may take to become ready (240)
 * @param commit what was measured, for the report
 * @param bench the measurement's own settings (ports are set per layout)
 */
record ReplicaBenchSettings(Path wlp, Path serverDir, Path brokerJar, Path apiServerJar, Path crdsDir, Path workDir,
        Path pidFile, int basePort, List<ReplicaLayout> layouts, int startSeconds, String commit,
        BenchSettings bench) {

    /** The CloudHub benchmark's options as the replica benchmark runs them unless told otherwise. */
    private static final Map<String, String> BENCH_DEFAULTS = Map.of(
            "steps", "1000,2000,4000",
            "hold-seconds", "30",
            "downstream-nodes", "1000",
            "rates", "500,2000",
            "warmup-seconds", "10",
            "rate-seconds", "15",
            "drain-seconds", "10",
            "max-minutes", "20");

    static ReplicaBenchSettings parse(String[] args) {
        Map<String, String> o = new HashMap<>(BenchOptions.parse(args));
        for (String required : List.of("wlp", "server-dir", "broker-jar", "apiserver-jar", "crds-dir", "work-dir",
                "ca-dir")) {
            if (!o.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + "=... is required (bench/run-replicas.sh sets"
                        + " it)");
            }
        }
        Path workDir = Path.of(o.remove("work-dir"));
        ReplicaBenchSettings settings = new ReplicaBenchSettings(Path.of(o.remove("wlp")),
                Path.of(o.remove("server-dir")), Path.of(o.remove("broker-jar")), Path.of(o.remove("apiserver-jar")),
                Path.of(o.remove("crds-dir")), workDir,
                Path.of(take(o, "pid-file", workDir.resolve("pids").toString())),
                Integer.parseInt(take(o, "base-port", "29800")),
                Arrays.stream(take(o, "layouts", "one,two").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> ReplicaLayout.valueOf(s.toUpperCase(Locale.ROOT))).toList(),
                Integer.parseInt(take(o, "start-seconds", "240")), take(o, "commit", "?"), null);
        BENCH_DEFAULTS.forEach(o::putIfAbsent);
        return settings.with(BenchSettings.from(o));
    }

    private static String take(Map<String, String> o, String key, String fallback) {
        String value = o.remove(key);
        return value == null ? fallback : value;
    }

    private ReplicaBenchSettings with(BenchSettings measurement) {
        return new ReplicaBenchSettings(wlp, serverDir, brokerJar, apiServerJar, crdsDir, workDir, pidFile, basePort,
                layouts, startSeconds, commit, measurement);
    }
}
