/**
 * MetaManager: the edge's local store (embedded Derby, datasource {@code jdbc/edgecore} in server.xml), written
 * before the cloud is acknowledged so the edge keeps working offline and across restarts.
 */
package org.kubeedgej.edge.metamanager;
