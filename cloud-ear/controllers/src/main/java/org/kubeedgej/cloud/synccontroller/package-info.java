/**
 * SyncController: KubeEdge's reliable-sync records. For every object an edge node acknowledges it keeps an
 * ObjectSync (namespaced) or ClusterObjectSync named {@code <node>.<object UID>} holding the resourceVersion the
 * node has (CRDs in crds/reliablesyncs.kubeedge.io_*.yaml).
 */
package org.kubeedgej.cloud.synccontroller;
