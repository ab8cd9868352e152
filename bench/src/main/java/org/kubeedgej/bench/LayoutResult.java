package org.kubeedgej.bench;

import java.util.List;
import java.util.Map;

/**
 * What one layout of the replica benchmark measured.
 *
 * @param layout the layout
 * @param upSeconds from the first process started to every replica ready
 * @param ramp the connection ramp's table
 * @param held most edges open after a hold, in steps that held 90 % or more
 * @param connectRate sessions opened per second of connecting, over the ramp
 * @param downstream the downstream runs' table
 * @param windows the downstream runs, in order
 * @param rssAtPeak each process's RSS in bytes after the ramp (the most edges connected)
 * @param rampCpu CPU over the ramp
 * @param rateCpu CPU over each downstream run, in the order of {@code windows}
 * @param failures connection failures and lost sessions by cause
 */
record LayoutResult(ReplicaLayout layout, double upSeconds, ReportTable ramp, int held, double connectRate,
        ReportTable downstream, List<DeliveryWindow> windows, Map<String, Long> rssAtPeak, CpuMeter.Shares rampCpu,
        List<CpuMeter.Shares> rateCpu, Map<String, Long> failures) {

    /** @return the RSS of the CloudCore replicas together, in bytes */
    long cloudCoreRss() {
        return rssAtPeak.entrySet().stream().filter(e -> e.getKey().startsWith("cloudcore"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** @return the downstream run at {@code rate} msg/s, or null */
    DeliveryWindow window(int rate) {
        return windows.stream().filter(w -> w.targetRate() == rate).findFirst().orElse(null);
    }

    /** @return CPU of the downstream run at {@code rate}, or null */
    CpuMeter.Shares cpuAt(int rate) {
        for (int i = 0; i < windows.size() && i < rateCpu.size(); i++) {
            if (windows.get(i).targetRate() == rate) {
                return rateCpu.get(i);
            }
        }
        return null;
    }
}
