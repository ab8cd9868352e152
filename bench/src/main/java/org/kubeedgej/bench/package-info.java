/**
 * Load programs for KubeEdge-J, run against a packaged server on 127.0.0.1 by the scripts in {@code bench/}.
 *
 * <p>{@link org.kubeedgej.bench.CloudHubBenchmark} connects thousands of simulated edge nodes to CloudHub over
 * mutual-TLS WebSockets ({@link org.kubeedgej.bench.EdgeFleet}, {@link org.kubeedgej.bench.SimulatedEdge}), each
 * with its own certificate made in memory ({@link org.kubeedgej.bench.NodeCertificates}), keeps them alive, and
 * then puts KubeEdge messages on the nodes' Artemis queues ({@link org.kubeedgej.bench.DownstreamProducer}) to
 * measure delivery to the edges and back ({@link org.kubeedgej.bench.DeliveryTracker}).
 *
 * <p>{@link org.kubeedgej.bench.PodStartBenchmark} creates pods for the edge node of {@code bin/kubeedge-j up}
 * ({@link org.kubeedgej.bench.PodFleet}), times each from its create call to the watch event that shows it Running
 * ({@link org.kubeedgej.bench.PodPhaseWatch}, {@link org.kubeedgej.bench.PodStartRow}), and samples the servers'
 * memory ({@link org.kubeedgej.bench.ServerProcessProbe}).
 */
package org.kubeedgej.bench;
