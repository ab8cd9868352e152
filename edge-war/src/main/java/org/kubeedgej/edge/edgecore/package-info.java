/**
 * EdgeCore's lifecycle: start-up checks (the node's name, MetaManager's database) before the edge modules
 * begin work, and the state the startup health check reports.
 */
package org.kubeedgej.edge.edgecore;
