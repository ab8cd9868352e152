/**
 * MetaManager: the edge's local store (embedded Derby, datasource {@code jdbc/edgecore} in server.xml), written
 * before the cloud is acknowledged so the edge keeps working offline and across restarts.
 *
 * <p>Storage goes through Jakarta Persistence: the entities of {@code org.kubeedgej.shared.jpa}, the persistence
 * unit {@code edgecore} (META-INF/persistence.xml, resource-local, tables made on first start) and
 * {@link org.kubeedgej.edge.metamanager.EdgePersistence} for its transactions, which DeviceTwin's repository
 * shares. {@link org.kubeedgej.edge.metamanager.EdgeDatabase} checks the datasource itself, for health.
 */
package org.kubeedgej.edge.metamanager;
