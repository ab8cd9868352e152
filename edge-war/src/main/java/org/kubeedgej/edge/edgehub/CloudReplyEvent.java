package org.kubeedgej.edge.edgehub;

import org.kubeedgej.shared.model.Message;

/**
 * The cloud answered a request of this edge (a {@code response} or {@code error} whose parent_msg_id names it): the
 * Node it registered, "OK" for a status, a confirmation of a twin report. The module that asked matches the parent id.
 *
 * @param reply the answer, resource in the edge form
 */
public record CloudReplyEvent(Message reply) {}
