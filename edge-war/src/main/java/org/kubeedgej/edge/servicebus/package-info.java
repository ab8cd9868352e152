/**
 * ServiceBus: an HTTP bridge between the cloud and HTTP services on this node, as KubeEdge's servicebus
 * ({@code edge/pkg/servicebus}). Cloud→edge: a message whose resource is {@code <port>:<path>} and whose content is
 * an HTTPRequest makes {@link org.kubeedgej.edge.servicebus.ServiceBusRequestHandler} call
 * {@code http://127.0.0.1:<port><path>} (loopback only) and send the HTTPResponse back through EdgeHub.
 * Edge→cloud: {@link org.kubeedgej.edge.servicebus.ServiceBusEndpoint} listens on {@code 127.0.0.1:9060}; a local
 * app POSTs {@code {"targetURL": ...}} and, if the URL is on the
 * {@link org.kubeedgej.edge.servicebus.TargetUrlAllowList}, the request goes up to the cloud as an {@code upload}
 * message. The JSON shapes are in {@link org.kubeedgej.edge.servicebus.ServiceBusMessages}.
 */
package org.kubeedgej.edge.servicebus;
