/**
 * EdgeCore's lifecycle: start-up checks (the node's name, MetaManager's database) before the edge modules
 * begin work, the state the startup health check reports, and KubeEdge's edgecore.yaml as a config source.
 */
package org.kubeedgej.edge.edgecore;
