package org.kubeedgej.edge.edged;

/** A running exec or attach, as the client drives it. Closing it leaves the process running, as the kubelet does. */
public interface ContainerStream extends AutoCloseable {

    /** Bytes for the process's standard input; blocks while the engine is slow to take them. */
    void stdin(byte[] data);

    /** The client's input ended: the process reads end of file. */
    void closeStdin();

    /** The client's terminal changed size. */
    void resize(int width, int height);

    @Override
    void close();
}
