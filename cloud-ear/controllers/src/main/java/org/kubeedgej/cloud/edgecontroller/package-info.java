/**
 * EdgeController: keeps Kubernetes and the edge nodes in step. Pods bound to edge nodes go to their node's queue
 * (PodDownstreamReconciler), and so do the ConfigMaps and Secrets those pods reference, only to those nodes
 * (ConfigSourceReconciler over a ConfigSourceIndex); nodes register and report status (EdgeNodeRegistrar), pod
 * status comes back (PodUpstreamHandler), and a node's query of a ConfigMap or Secret is answered from the informer
 * cache (ConfigSourceQueryHandler). Informers of the official client feed all of it, and EdgeLiveObjects lends
 * their caches and messages to SyncController's reconcile.
 */
package org.kubeedgej.cloud.edgecontroller;
