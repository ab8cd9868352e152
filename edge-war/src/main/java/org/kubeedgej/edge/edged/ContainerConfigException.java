package org.kubeedgej.edge.edged;

/**
 * A container cannot be configured (a ConfigMap or Secret it needs is missing or unusable, a volume cannot be
 * prepared): the kubelet's CreateContainerConfigError. The container is not started; its waiting state carries
 * the message, and edged tries again at the next sync, so the pod starts once the cause is gone.
 */
final class ContainerConfigException extends Exception {

    /** The waiting reason the kubelet reports for this. */
    static final String REASON = "CreateContainerConfigError";

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, as a pod status message, e.g. {@code configmap "app" not found} */
    ContainerConfigException(String message) {
        super(message);
    }
}
