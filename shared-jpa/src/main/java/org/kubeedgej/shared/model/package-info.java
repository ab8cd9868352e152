/**
 * The KubeEdge message model, shared by the cloud (CloudHub, controllers) and the edge (EdgeHub, MetaManager,
 * DeviceTwin, EventBus).
 *
 * <p>A {@link org.kubeedgej.shared.model.Message} is KubeEdge's beehive {@code model.Message}: a
 * {@link org.kubeedgej.shared.model.MessageHeader}, a {@link org.kubeedgej.shared.model.MessageRoute} and any JSON
 * content. All types are immutable values; "changing" one returns a new instance. Empty strings stand for fields
 * that Go omits ({@code omitempty}), and no accessor returns {@code null}.
 *
 * <p>Transport: {@link org.kubeedgej.shared.model.MessageCodec} writes and reads the exact JSON that Go's
 * {@code encoding/json} makes for the beehive struct (one WebSocket text frame per message, viaduct
 * {@code WriteJSON}/{@code ReadJSON}); decoding failures are
 * {@link org.kubeedgej.shared.model.MessageFormatException}s. Resource strings
 * ({@code node/<id>/<namespace>/<type>/<name>} on the cloud, {@code <namespace>/<type>/<name>} on the edge) are
 * {@link org.kubeedgej.shared.model.ResourcePath}s. {@link org.kubeedgej.shared.model.Operations},
 * {@link org.kubeedgej.shared.model.Groups} and {@link org.kubeedgej.shared.model.ResourceTypes} hold KubeEdge's
 * route constants.
 *
 * <p>The JSON API ({@code jakarta.json}) is provided by Open Liberty at run time; elsewhere add an implementation
 * such as Eclipse Parsson.
 */
package org.kubeedgej.shared.model;
