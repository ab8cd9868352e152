/**
 * Leader election for CloudCore's controllers, so that with several CloudCore replicas the work driven by timers
 * and informers (SyncController's reconcile, NodeReadyMonitor's status writes, the downstream reconcilers that queue
 * objects for the nodes) is done by one replica only. It is the official client's {@code LeaderElector} on a
 * {@code coordination.k8s.io/v1} Lease ({@code kubeedge/cloudcore-controllers} by default), as client-go's leader
 * election is; {@link org.kubeedgej.cloud.leaderelection.ControllerLeadership} is what the controllers ask.
 *
 * <p>What comes from the edges (node and pod status, twin reports, leases, queries) is handled on every replica: it
 * arrives on whichever replica holds the edge's session, and each such write happens once because the edge sent it
 * once.
 */
package org.kubeedgej.cloud.leaderelection;
