package org.kubeedgej.bench;

import java.util.HashMap;
import java.util.Map;

/** The benchmarks' command line: {@code --name=value} options, read once the same way by each. */
final class BenchOptions {

    private BenchOptions() {
    }

    /** @throws IllegalArgumentException for an argument that is not {@code --name=value} */
    static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            if (!arg.startsWith("--") || kv.length != 2) {
                throw new IllegalArgumentException("options look like --name=value, got " + arg);
            }
            opts.put(kv[0], kv[1]);
        }
        return opts;
    }
}
