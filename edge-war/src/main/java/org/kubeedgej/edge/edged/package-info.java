/**
 * Edged: the edge's kubelet. It registers this node with the cloud and reports its status every
 * node-status-update-frequency seconds (NodeStatusReporter), and runs the pods the cloud assigns on a local Docker
 * engine: PodManager takes pods from MetaManager's StoredObjectEvents and syncs each pod off the event thread
 * (PodWorkers, PodSyncer) through a ContainerRuntime (DockerJavaRuntime); PodStatusReporter sends pod statuses
 * upstream when they change. Containers are found again by their labels, so reconnects and restarts recreate
 * nothing; networks are host or none only.
 */
package org.kubeedgej.edge.edged;
