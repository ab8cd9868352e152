/**
 * Edged: the edge's kubelet. It registers this node with the cloud and reports its status every
 * node-status-update-frequency seconds (NodeStatusReporter), and runs the pods the cloud assigns on a local Docker
 * engine: PodManager takes pods from MetaManager's StoredObjectEvents and syncs each pod off the event thread
 * (PodWorkers, PodSyncer) through a ContainerRuntime (DockerJavaRuntime); PodStatusReporter sends pod statuses
 * upstream when they change. Right before a container starts, ContainerConfigResolver resolves its environment
 * (EnvResolver: values, ConfigMap/Secret keys, envFrom, fieldRef) and prepares the pod's volumes as bind mounts
 * (VolumeMaterializer: ConfigMap/Secret files written atomically under modules.edged.rootDirectory, emptyDir,
 * hostPath); a missing ConfigMap or Secret is asked of the cloud (ConfigSourceQuery) and the container waits with
 * CreateContainerConfigError. Containers are found again by their labels, so reconnects and restarts recreate
 * nothing; networks are host or none only. Container probes (ProbeManager, one ProbeWorker per running container,
 * ContainerProber for exec, httpGet and tcpSocket) run on a small pool; their results set readiness and ask
 * PodSyncer to kill containers whose liveness or startup probe failed. What edged does is recorded as the kubelet's
 * Kubernetes Events (KubeletEvents, node events in NodeStatusReporter) through EventRecorder, which correlates them
 * as client-go does (EventCorrelator, EventSpamFilter) and sends them upstream as KubeEdge's edged (EventPayloads).
 */
package org.kubeedgej.edge.edged;
