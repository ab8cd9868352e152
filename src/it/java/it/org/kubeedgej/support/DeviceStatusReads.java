package it.org.kubeedgej.support;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reading Device objects (devices.kubeedge.io) as the official client returns them: generic maps. */
public final class DeviceStatusReads {

    /** The devices API group. */
    public static final String GROUP = "devices.kubeedge.io";

    private DeviceStatusReads() {
        throw new AssertionError();
    }

    /** @return the Device's {@code status}, empty when it has none */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> status(Map<String, Object> device) {
        Object s = device.get("status");
        return s instanceof Map ? (Map<String, Object>) s : Map.of();
    }

    /** @return {@code status.twins[propertyName=property].reported.value}, or null */
    @SuppressWarnings("unchecked")
    public static String reported(Map<String, Object> device, String property) {
        Object twins = status(device).get("twins");
        if (twins instanceof List<?> list) {
            for (Object t : list) {
                Map<String, Object> twin = (Map<String, Object>) t;
                if (property.equals(twin.get("propertyName")) && twin.get("reported") instanceof Map<?, ?> r) {
                    return (String) r.get("value");
                }
            }
        }
        return null;
    }

    /**
     * Reads the Device in namespace default until it passes the check.
     *
     * @return the Device that passed
     * @throws AssertionError after 60 s, with the last state read
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> await(ApiClient client, String version, String name,
            Predicate<Map<String, Object>> ok) throws ApiException {
        CustomObjectsApi api = new CustomObjectsApi(client);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> device = null;
        while (System.nanoTime() < deadline) {
            try {
                device = (Map<String, Object>) api.getNamespacedCustomObject(GROUP, version, "default", "devices",
                        name).execute();
                if (ok.test(device)) {
                    return device;
                }
            } catch (ApiException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
            Http.pause(Duration.ofMillis(300));
        }
        throw new AssertionError("device " + name + " did not reach the expected state in 60 s; last: " + device);
    }
}
