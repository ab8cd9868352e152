/**
 * SyncController: KubeEdge's reliable-sync records. For every object an edge node acknowledges it keeps an
 * ObjectSync (namespaced) or ClusterObjectSync named {@code <node>.<object UID>} holding the resourceVersion the
 * node has (CRDs in crds/reliablesyncs.kubeedge.io_*.yaml), and deletes it when the node acknowledges the object's
 * delete (ObjectSyncRecorder). ObjectSyncInformers cache the records; ObjectSyncReconciler compares them with the
 * live objects and nodes every modules.syncController.reconcileSeconds and acts as {@link SyncAction} decides,
 * through the sending controller's {@link LiveObjects} (EdgeController's EdgeLiveObjects).
 */
package org.kubeedgej.cloud.synccontroller;
