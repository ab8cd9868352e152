/**
 * MetaServer: a read-only, Kubernetes-style REST API for apps on this node (KubeEdge's metaServer,
 * {@code edge/pkg/metamanager/metaserver}), on {@code 127.0.0.1:10550} by default. Edge apps point a Kubernetes
 * client at {@code http://127.0.0.1:10550} and get, list and watch pods, configmaps, secrets, services and nodes
 * from MetaManager's edge database, so they keep working while the cloud is unreachable.
 *
 * <p>Transport: plain HTTP/1.1 on loopback through the JDK's HTTP server ({@link
 * org.kubeedgej.edge.metaserver.MetaServerHttpServer}), started by {@link
 * org.kubeedgej.edge.metaserver.MetaServerEndpoint}. Reads go to {@link
 * org.kubeedgej.edge.metamanager.MetaRepository}; watches are fed by MetaManager's {@link
 * org.kubeedgej.edge.metamanager.StoredObjectEvent} through the {@link org.kubeedgej.edge.metaserver.WatchHub}.
 *
 * <p>Differences from KubeEdge, on purpose: nothing is asked of the cloud (KubeEdge's DynamicController); there is
 * no authentication (loopback only); writes are refused with 405.
 */
package org.kubeedgej.edge.metaserver;
