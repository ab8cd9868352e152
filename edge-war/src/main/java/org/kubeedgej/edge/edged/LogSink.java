package org.kubeedgej.edge.edged;

/** Where a container's log stream goes: its bytes as they come, then one end. */
public interface LogSink {

    /** @param data log bytes (stdout and stderr interleaved, as the kubelet serves them) */
    void data(byte[] data);

    /** @param problem why the stream could not be served or broke off, or null when it ended normally */
    void end(String problem);
}
