package it.org.kubeedgej.support;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The test's one device: a DeviceModel with one int property, a Device on the edge node, and its mapper's reports. */
public final class CountingDevice {

    private CountingDevice() {
        throw new AssertionError();
    }

    public static void create(CustomObjectsApi custom, String device, String property, String node)
            throws ApiException {
        String model = device + "-model";
        custom.createNamespacedCustomObject(DeviceStatusReads.GROUP, "v1beta1", "default", "devicemodels", Map.of(
                "apiVersion", DeviceStatusReads.GROUP + "/v1beta1", "kind", "DeviceModel",
                "metadata", Map.of("name", model, "namespace", "default"),
                "spec", Map.of("protocol", "modbus", "properties", List.of(Map.of("name", property,
                        "type", "INT", "accessMode", "ReadOnly"))))).execute();
        custom.createNamespacedCustomObject(DeviceStatusReads.GROUP, "v1beta1", "default", "devices", Map.of(
                "apiVersion", DeviceStatusReads.GROUP + "/v1beta1", "kind", "Device",
                "metadata", Map.of("name", device, "namespace", "default"),
                "spec", Map.of("deviceModelRef", Map.of("name", model), "nodeName", node))).execute();
    }

    /**
     * Reports 1, 2, ... until edgecore takes one (the device must first reach the edge).
     *
     * @return the value taken
     */
    public static long firstReport(TwinReporter twin) throws InterruptedException {
        return reportUntilTaken(twin, 0, Duration.ofSeconds(90), "the device never reached the edge");
    }

    /**
     * Reports values above everything reported so far until edgecore takes one.
     *
     * @return the value taken: the device's last value
     */
    public static long finalReport(TwinReporter twin, long lastPublished) throws InterruptedException {
        return reportUntilTaken(twin, lastPublished, Duration.ofSeconds(60), "edgecore took no final report");
    }

    private static long reportUntilTaken(TwinReporter twin, long after, Duration wait, String failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long value = after;
        while (System.nanoTime() < deadline) {
            value++;
            if (twin.report(value, 3000)) {
                return value;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(failure + " within " + wait + " (last value tried " + value + ")");
    }
}
