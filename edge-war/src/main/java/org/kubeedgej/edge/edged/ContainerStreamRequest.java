package org.kubeedgej.edge.edged;

import java.util.List;

/**
 * The kubelet's {@code /exec/<namespace>/<pod>[/<uid>]/<container>} and {@code /attach/...} as the API server sends
 * them: the streams wanted ({@code input}, {@code output}, {@code error}, {@code tty}, each "1" when on) and, for exec,
 * the {@code command} words in order.
 */
public record ContainerStreamRequest(Kind kind, String namespace, String pod, String container, List<String> command,
        boolean stdin, boolean stdout, boolean stderr, boolean tty) {

    /** What the request does to the container. */
    public enum Kind {
        /** Runs a new process in it. */
        EXEC,
        /** Joins its main process's streams. */
        ATTACH
    }

    public ContainerStreamRequest {
        command = List.copyOf(command);
    }

    /** @throws IllegalArgumentException in the kubelet's words when the request cannot be served */
    public static ContainerStreamRequest parse(String path, String rawQuery) {
        Kind kind;
        String rest;
        if (path.startsWith("/exec/")) {
            kind = Kind.EXEC;
            rest = path.substring("/exec/".length());
        } else if (path.startsWith("/attach/")) {
            kind = Kind.ATTACH;
            rest = path.substring("/attach/".length());
        } else {
            throw new IllegalArgumentException("not an exec or attach path: " + path);
        }
        String[] parts = rest.split("/", -1);
        if ((parts.length != 3 && parts.length != 4) || List.of(parts).contains("")) {
            throw new IllegalArgumentException("expected /" + kind.name().toLowerCase()
                    + "/<namespace>/<pod>[/<uid>]/<container>, not " + path);
        }
        KubeletQuery query = KubeletQuery.parse(rawQuery);
        boolean tty = query.flag("tty");
        boolean stdin = query.flag("input");
        boolean stdout = query.flag("output");
        // The kubelet drops stderr when a terminal is asked for: a terminal has one output.
        boolean stderr = query.flag("error") && !tty;
        if (!stdin && !stdout && !query.flag("error")) {
            throw new IllegalArgumentException("you must specify at least 1 of stdin, stdout, stderr");
        }
        List<String> command = query.all("command");
        if (kind == Kind.EXEC && command.isEmpty()) {
            throw new IllegalArgumentException("you must specify at least one command for the container");
        }
        return new ContainerStreamRequest(kind, KubeletQuery.decode(parts[0]), KubeletQuery.decode(parts[1]),
                KubeletQuery.decode(parts[parts.length - 1]), kind == Kind.EXEC ? command : List.of(), stdin, stdout,
                stderr, tty);
    }

    String podKey() {
        return namespace + "/" + pod;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " " + (kind == Kind.EXEC ? command + " " : "") + "in pod " + podKey()
                + " container " + container + (tty ? " (tty)" : "");
    }
}
