package org.kubeedgej.shared.model;

import java.util.Set;
import java.util.TreeSet;

/**
 * The operations ({@code route.operation}) that KubeEdge puts on the wire. {@link MessageRoute} accepts only these,
 * so that every message the codec writes can be read back; add new ones here.
 */
public final class Operations {

    // beehive model.Message (staging/src/github.com/kubeedge/beehive/pkg/core/model/message.go)
    public static final String INSERT = "insert";
    public static final String UPDATE = "update";
    public static final String PATCH = "patch";
    public static final String DELETE = "delete";
    public static final String QUERY = "query";
    public static final String UPLOAD = "upload";
    public static final String RESPONSE = "response";
    public static final String ERROR = "error";
    public static final String UNHOLD_UPGRADE = "unhold-upgrade";

    // edge/pkg/common/message/message.go
    public static final String KEEPALIVE = "keepalive";
    public static final String CONNECT = "connect";
    public static final String PUBLISH = "publish";
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final String MESSAGE = "message";
    public static final String GET_RESULT = "get_result";
    public static final String START = "start";
    public static final String STOP = "stop";

    // cloud/pkg/cloudhub/common/model/types.go
    public static final String GET = "get";
    public static final String LIST = "list";
    public static final String DETAIL = "detail";
    public static final String DELTA = "delta";
    public static final String DOCUMENT = "document";
    public static final String UPDATED = "updated";
    public static final String DELETED = "deleted";
    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";

    // MetaServer applications (pkg/metaserver/constants.go, edge/pkg/metamanager/metaserver/agent/agent.go)
    public static final String APPLICATION_RESPONSE = "applicationResponse";
    public static final String APPLICATION_NULL = "null";

    // Task manager task types (cloud/pkg/taskmanager/v1alpha1/util/util.go)
    public static final String TASK_UPGRADE = "upgrade";
    public static final String TASK_ROLLBACK = "rollback";
    public static final String TASK_BACKUP = "backup";
    public static final String TASK_PREPULL = "prepull";

    private static final Set<String> KNOWN = Set.of(INSERT, UPDATE, PATCH, DELETE, QUERY, UPLOAD, RESPONSE, ERROR,
            UNHOLD_UPGRADE, KEEPALIVE, CONNECT, PUBLISH, SUBSCRIBE, UNSUBSCRIBE, MESSAGE, GET_RESULT, START, STOP,
            GET, LIST, DETAIL, DELTA, DOCUMENT, UPDATED, DELETED, CONNECTED, DISCONNECTED, APPLICATION_RESPONSE,
            APPLICATION_NULL, TASK_UPGRADE, TASK_ROLLBACK, TASK_BACKUP, TASK_PREPULL,
            // The cloud router's servicebus provider uses the HTTP method as the operation
            // (cloud/pkg/router/provider/servicebus/servicebus.go).
            "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private static final String KNOWN_LIST = String.join(", ", new TreeSet<>(KNOWN));

    private Operations() {
        throw new AssertionError("no instances");
    }

    /**
     * @param operation an operation string, may be {@code null}.
     * @return whether KubeEdge uses this operation (case-sensitive).
     */
    public static boolean isKnown(final String operation) {
        return operation != null && KNOWN.contains(operation);
    }

    /**
     * @return all known operations, unmodifiable.
     */
    public static Set<String> known() {
        return KNOWN;
    }

    /**
     * @return all known operations, sorted and separated by ", ", for error messages.
     */
    static String knownList() {
        return KNOWN_LIST;
    }
}
