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
 *
 * <p>{@link org.kubeedgej.bench.BrokerTopologyBenchmark} starts the standalone brokers CloudCore replicas can share
 * (one, the replicated pair, a symmetric cluster: {@link org.kubeedgej.bench.BrokerTopology}), sends durable node
 * queue messages from one "replica" ({@link org.kubeedgej.bench.NodeQueueSender}) to consumers on the other
 * ({@link org.kubeedgej.bench.NodeQueueReceivers}), and kills one broker mid-run
 * ({@link org.kubeedgej.bench.BrokerKillRun}); {@link org.kubeedgej.bench.DeliveryLedger} keeps every message's
 * fate.
 *
 * <p>{@link org.kubeedgej.bench.ReplicaBenchmark} (issue 16) runs the CloudHub benchmark's ramp and downstream parts
 * against one CloudCore and against two replicas ({@link org.kubeedgej.bench.ReplicaLayout}), each time on a fresh
 * stack of its own processes ({@link org.kubeedgej.bench.ReplicaStack}: API server, the broker pair,
 * {@link org.kubeedgej.bench.CloudCoreReplica}), with the edges spread over the replicas' CloudHub ports, CPU per
 * process ({@link org.kubeedgej.bench.CpuMeter}) and the ratio of each figure
 * ({@link org.kubeedgej.bench.ReplicaReport}).
 */
package org.kubeedgej.bench;
