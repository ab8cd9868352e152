package org.kubeedgej.edge.edgestream;

import org.kubeedgej.shared.stream.StreamMessage;

/** Sends frames up the tunnel; false when the tunnel is gone (the connection's stream then ends). */
interface StreamSender {
    boolean send(StreamMessage message);
}
