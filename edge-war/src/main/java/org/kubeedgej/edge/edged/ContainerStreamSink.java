package org.kubeedgej.edge.edged;

/** Where a running exec or attach writes: its output as it comes, then its end, once. */
public interface ContainerStreamSink {

    void stdout(byte[] data);

    void stderr(byte[] data);

    /**
     * @param exitCode the process's exit code, or null when it is not known (an attach, or the engine forgot)
     * @param problem why the stream broke off, or null when the process ended
     */
    void exited(Integer exitCode, String problem);
}
