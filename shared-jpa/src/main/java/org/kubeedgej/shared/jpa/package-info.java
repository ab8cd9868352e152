/**
 * The edge database as JPA entities: KubeEdge's tables ({@code edge/pkg/metamanager/dao/models/}) mapped for
 * Jakarta Persistence, shared so that every module that reads or writes them uses one model.
 *
 * <p>{@link org.kubeedgej.shared.jpa.MetaEntry} is MetaManager's {@code meta} table (key, type, value): every
 * object the cloud sends, kept before it is acknowledged. {@link org.kubeedgej.shared.jpa.DeviceEntity},
 * {@link org.kubeedgej.shared.jpa.DeviceAttributeEntity} and {@link org.kubeedgej.shared.jpa.DeviceTwinEntity} are
 * DeviceTwin's {@code device}, {@code device_attr} and {@code device_twin} tables. Values are strings as in
 * KubeEdge; metadata and versions are JSON text.
 *
 * <p>Table and column names are those of KubeEdge, and those that KubeEdge-J's earlier JDBC code created in Derby
 * (quoted lower-case names; the meta table's name unquoted), so an existing edge database keeps its data. This
 * package depends on the Jakarta Persistence API only; the provider (EclipseLink in Open Liberty) and the
 * persistence unit belong to the application that uses the entities.
 */
package org.kubeedgej.shared.jpa;
