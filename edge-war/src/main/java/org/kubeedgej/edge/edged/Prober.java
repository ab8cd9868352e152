package org.kubeedgej.edge.edged;

/**
 * Makes one probe attempt. Blocking, bounded by the probe's timeout; never throws: whatever goes wrong is a failed
 * attempt with a message. An interface so the scheduling and threshold rules are tested with a scripted prober.
 */
@FunctionalInterface
interface Prober {

    ProbeResult probe(ProbeTarget target, ProbeSpec spec);
}
