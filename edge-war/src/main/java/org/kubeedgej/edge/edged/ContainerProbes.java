package org.kubeedgej.edge.edged;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The probes of one container, each null when the spec has none (or one edged cannot run, such as grpc: it is
 * logged and left out, so the container is treated as if it had no such probe rather than killed for it).
 *
 * @param liveness restarts the container when it fails
 * @param readiness decides the container's ready flag
 * @param startup holds the other two off until it passes; restarts the container when it fails
 */
record ContainerProbes(ProbeSpec liveness, ProbeSpec readiness, ProbeSpec startup) {

    private static final Logger LOG = Logger.getLogger(ContainerProbes.class.getName());

    static final ContainerProbes NONE = new ContainerProbes(null, null, null);

    /**
     * @param describe pod and container, for the log line about an unsupported probe
     * @param container the container's JSON
     */
    static ContainerProbes fromJson(String describe, JsonObject container) {
        JsonArray ports = container.get("ports") instanceof JsonArray a ? a : null;
        ProbeSpec[] specs = new ProbeSpec[ProbeType.values().length];
        for (ProbeType type : ProbeType.values()) {
            JsonValue probe = container.get(type.field());
            if (probe != null && probe.getValueType() == JsonValue.ValueType.OBJECT) {
                specs[type.ordinal()] = ProbeSpec.fromJson(type, probe.asJsonObject(), ports);
                if (specs[type.ordinal()] == null) {
                    LOG.warning(() -> "pod " + describe + ": " + type.field() + " has no exec, httpGet or tcpSocket"
                            + " handler (grpc is not supported by edged); it is not run");
                }
            }
        }
        ContainerProbes probes = new ContainerProbes(specs[ProbeType.LIVENESS.ordinal()],
                specs[ProbeType.READINESS.ordinal()], specs[ProbeType.STARTUP.ordinal()]);
        return probes.isEmpty() ? NONE : probes;
    }

    ProbeSpec get(ProbeType type) {
        return switch (type) {
            case LIVENESS -> liveness;
            case READINESS -> readiness;
            case STARTUP -> startup;
        };
    }

    /** @return the probes there are, startup first */
    List<ProbeSpec> all() {
        List<ProbeSpec> all = new ArrayList<>(3);
        for (ProbeSpec p : new ProbeSpec[] {startup, liveness, readiness}) {
            if (p != null) {
                all.add(p);
            }
        }
        return all;
    }

    boolean isEmpty() {
        return liveness == null && readiness == null && startup == null;
    }
}
