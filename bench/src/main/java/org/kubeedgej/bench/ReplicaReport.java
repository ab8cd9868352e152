package org.kubeedgej.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The replica benchmark's Markdown: per layout the CloudHub benchmark's tables, then RSS and CPU per process side by
 * side, then each figure of two replicas divided by one's.
 */
final class ReplicaReport {

    private ReplicaReport() {
    }

    static synchronized void print(ReplicaBenchSettings settings, List<LayoutResult> results, PrintStream out) {
        BenchSettings bench = settings.bench();
        out.printf("%n## CloudCore replicas: report (%s)%n%n", MachineLoad.averages() + " load at the end");
        out.printf("Steps %s, hold %d s, keepalive %d s, %d connect lanes; downstream to %s nodes at %s msg/s, %d s"
                + " each after %d s warm-up, drain %d s.%n", bench.steps(), bench.holdSeconds(),
                bench.keepaliveSeconds(), bench.clients(), bench.downstreamNodes(), bench.rates(),
                bench.rateSeconds(), bench.warmupSeconds(), bench.drainSeconds());
        for (LayoutResult result : results) {
            out.printf("%n### %s (up in %.0f s)%n%n", result.layout().label(), result.upSeconds());
            result.ramp().print(out);
            out.println();
            if (!result.downstream().isEmpty()) {
                result.downstream().print(out);
            }
            out.printf("%nFailures: %s%n", result.failures().isEmpty() ? "none" : result.failures());
        }
        if (results.isEmpty()) {
            return;
        }
        printRss(results, out);
        printCpu(results, bench.rates(), out);
        printRatios(results, bench.rates(), out);
        out.flush();
    }

    private static void printRss(List<LayoutResult> results, PrintStream out) {
        out.printf("%n### RSS after the ramp (most edges connected), MiB%n%n");
        ReportTable table = new ReportTable(headings("process", results, r -> r.layout().name().toLowerCase()));
        for (String process : processes(results, r -> r.rssAtPeak().keySet())) {
            List<Object> row = new ArrayList<>(List.of(process));
            results.forEach(r -> row.add(r.rssAtPeak().containsKey(process)
                    ? ReportTable.mib(r.rssAtPeak().get(process)) : "-"));
            table.add(row.toArray());
        }
        List<Object> sum = new ArrayList<>(List.of("CloudCore(s) together"));
        results.forEach(r -> sum.add(ReportTable.mib(r.cloudCoreRss())));
        table.add(sum.toArray());
        table.print(out);
    }

    private static void printCpu(List<LayoutResult> results, List<Integer> rates, PrintStream out) {
        out.printf("%n### CPU, %% of one core (the machine has %d00)%n%n", Runtime.getRuntime().availableProcessors());
        List<String> headings = new ArrayList<>(List.of("process"));
        List<CpuMeter.Shares> columns = new ArrayList<>();
        for (LayoutResult r : results) {
            headings.add(r.layout().name().toLowerCase() + ", ramp");
            columns.add(r.rampCpu());
            for (int rate : rates) {
                CpuMeter.Shares shares = r.cpuAt(rate);
                if (shares != null) {
                    headings.add(r.layout().name().toLowerCase() + ", " + rate + "/s");
                    columns.add(shares);
                }
            }
        }
        ReportTable table = new ReportTable(headings.toArray(String[]::new));
        for (String process : processes(results, r -> r.rampCpu().byProcess().keySet())) {
            table.add(cpuRow(process, columns, s -> s.byProcess().getOrDefault(process, Double.NaN)));
        }
        table.add(cpuRow("ours together", columns, CpuMeter.Shares::ours));
        table.add(cpuRow("whole machine", columns, CpuMeter.Shares::machine));
        table.add(cpuRow("others (machine - ours)", columns, s -> s.machine() - s.ours()));
        table.print(out);
    }

    private static Object[] cpuRow(String name, List<CpuMeter.Shares> columns, ToDoubleFunction<CpuMeter.Shares> f) {
        List<Object> row = new ArrayList<>(List.of(name));
        columns.forEach(s -> {
            double v = f.applyAsDouble(s);
            row.add(Double.isNaN(v) ? "-" : String.format("%.0f", v));
        });
        return row.toArray();
    }

    /** Two replicas against one, figure by figure (the first two layouts if one or two is missing). */
    private static void printRatios(List<LayoutResult> results, List<Integer> rates, PrintStream out) {
        LayoutResult one = find(results, ReplicaLayout.ONE);
        LayoutResult two = find(results, ReplicaLayout.TWO);
        if (one == null || two == null) {
            out.println("\n(no ratio: both layouts one and two are needed)");
            return;
        }
        out.printf("%n### Two replicas against one%n%n");
        ReportTable table = new ReportTable("figure", "one", "two", "two/one");
        ratio(table, "edges held (largest step held)", one.held(), two.held());
        ratio(table, "connect rate /s", one.connectRate(), two.connectRate());
        for (int rate : rates) {
            DeliveryWindow a = one.window(rate);
            DeliveryWindow b = two.window(rate);
            if (a == null || b == null) {
                continue;
            }
            String at = " at " + rate + " msg/s to " + a.nodes() + " nodes";
            ratio(table, "acked msg/s" + at, a.ackRate(), b.ackRate());
            ratio(table, "latency p50 ms" + at, a.latencyPercentile(0.5), b.latencyPercentile(0.5));
            ratio(table, "latency p99 ms" + at, a.latencyPercentile(0.99), b.latencyPercentile(0.99));
            ratio(table, "not acked" + at, a.sentCount() - a.ackedCount(), b.sentCount() - b.ackedCount());
        }
        ratio(table, "CloudCore RSS MiB after the ramp", one.cloudCoreRss() / 1048576.0,
                two.cloudCoreRss() / 1048576.0);
        table.print(out);
    }

    private static void ratio(ReportTable table, String figure, double one, double two) {
        table.add(figure, String.format("%.0f", one), String.format("%.0f", two),
                one > 0 ? String.format("%.2f", two / one) : "-");
    }

    private static LayoutResult find(List<LayoutResult> results, ReplicaLayout layout) {
        return results.stream().filter(r -> r.layout() == layout).findFirst().orElse(null);
    }

    private static String[] headings(String first, List<LayoutResult> results,
            Function<LayoutResult, String> name) {
        List<String> headings = new ArrayList<>(List.of(first));
        results.forEach(r -> headings.add(name.apply(r)));
        return headings.toArray(String[]::new);
    }

    private static Set<String> processes(List<LayoutResult> results,
            Function<LayoutResult, Set<String>> names) {
        Set<String> all = new LinkedHashSet<>();
        results.forEach(r -> all.addAll(names.apply(r)));
        return all;
    }
}
