package org.kubeedgej.edge.edged;

/** An exec or attach that cannot start, with the HTTP status the kubelet answers it with. */
public final class ContainerStreamException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public ContainerStreamException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
