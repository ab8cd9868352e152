/**
 * Configuration both sides share: KubeEdge's own {@code cloudcore.yaml} / {@code edgecore.yaml} read as a
 * MicroProfile ConfigSource, so a KubeEdge user's file configures KubeEdge-J with the same keys
 * ({@code modules.cloudHub.nodeLimit}, {@code modules.edgeHub.websocket.server}, ...). Environment variables and
 * system properties still win over the file; the file wins over the built-in defaults.
 */
package org.kubeedgej.shared.config;
