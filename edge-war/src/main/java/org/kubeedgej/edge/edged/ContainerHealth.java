package org.kubeedgej.edge.edged;

/**
 * What the probes say about a container, for the two places that act on it: the pod status (ready, started) and
 * the pod sync (kill a container whose liveness or startup probe failed). {@link ProbeManager} answers from its
 * probe results; without probes, a running container is started and ready and nothing is killed.
 */
interface ContainerHealth {

    /** The answers for containers without probes. */
    ContainerHealth RUNNING_IS_READY = new ContainerHealth() {
        @Override
        public boolean started(ContainerState container) {
            return container.running();
        }

        @Override
        public boolean ready(ContainerState container) {
            return container.running();
        }

        @Override
        public String killReason(ContainerState container) {
            return null;
        }
    };

    /** @return whether it runs and its startup probe (if any) has passed: containerStatuses[].started */
    boolean started(ContainerState container);

    /** @return whether it runs, has started and its readiness probe (if any) passes: containerStatuses[].ready */
    boolean ready(ContainerState container);

    /**
     * @return why a running container must be killed, e.g. "failed liveness probe", or null to leave it; the
     *         pod's restartPolicy then decides whether it runs again
     */
    String killReason(ContainerState container);
}
