package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;

/**
 * The Kubernetes defaults a real API server's admission would have set, applied before a pod goes to the edge so
 * Edged never guesses (the development API server does no defaulting; a real one already did and this changes
 * nothing).
 */
final class PodDefaults {

    private static final long DEFAULT_GRACE_SECONDS = 30;

    private PodDefaults() {
        throw new AssertionError();
    }

    static V1Pod apply(V1Pod pod) {
        V1PodSpec spec = pod.getSpec();
        if (spec == null) {
            return pod;
        }
        if (spec.getRestartPolicy() == null) {
            spec.setRestartPolicy("Always");
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(DEFAULT_GRACE_SECONDS);
        }
        if (spec.getDnsPolicy() == null) {
            spec.setDnsPolicy("ClusterFirst");
        }
        if (spec.getContainers() != null) {
            for (V1Container container : spec.getContainers()) {
                if (container.getImagePullPolicy() == null) {
                    container.setImagePullPolicy(pullPolicyFor(container.getImage()));
                }
                if (container.getTerminationMessagePath() == null) {
                    container.setTerminationMessagePath("/dev/termination-log");
                }
            }
        }
        return pod;
    }

    /** Kubernetes' rule: an image without a tag or tagged latest is pulled Always, any other IfNotPresent. */
    static String pullPolicyFor(String image) {
        if (image == null) {
            return "IfNotPresent";
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        if (last.contains("@")) {
            return "IfNotPresent";
        }
        int colon = last.lastIndexOf(':');
        return colon < 0 || "latest".equals(last.substring(colon + 1)) ? "Always" : "IfNotPresent";
    }
}
