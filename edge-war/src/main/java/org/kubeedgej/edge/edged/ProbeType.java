package org.kubeedgej.edge.edged;

/**
 * The three container probes and what each starts from before its first result, as in the kubelet: a container is
 * alive until its liveness probe fails, not ready until its readiness probe passes, and not started until its
 * startup probe passes.
 */
enum ProbeType {

    LIVENESS("livenessProbe", "Liveness", ProbeResult.Outcome.SUCCESS),
    READINESS("readinessProbe", "Readiness", ProbeResult.Outcome.FAILURE),
    STARTUP("startupProbe", "Startup", ProbeResult.Outcome.UNKNOWN);

    private final String field;
    private final String title;
    private final ProbeResult.Outcome initial;

    ProbeType(String field, String title, ProbeResult.Outcome initial) {
        this.field = field;
        this.title = title;
        this.initial = initial;
    }

    /** @return the container field in the Pod JSON, e.g. livenessProbe */
    String field() {
        return field;
    }

    /** @return the word log lines start with, e.g. "Liveness" (as in "Liveness probe failed") */
    String title() {
        return title;
    }

    /** @return the result the container has before this probe has decided anything */
    ProbeResult.Outcome initial() {
        return initial;
    }
}
