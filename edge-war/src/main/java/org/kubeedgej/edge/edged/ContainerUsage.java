package org.kubeedgej.edge.edged;

import java.time.Instant;

/**
 * One container's (or the node's) resource use as the kubelet's Summary API counts it.
 *
 * @param nanoCores CPU use over the last sampling window, in billionths of a core
 * @param coreNanoSeconds CPU time used since start
 * @param workingSetBytes memory in use minus inactive file cache (what eviction and kubectl top count)
 * @param usageBytes all memory charged, cache included
 */
record ContainerUsage(Instant at, long nanoCores, long coreNanoSeconds, long workingSetBytes, long usageBytes) {
}
