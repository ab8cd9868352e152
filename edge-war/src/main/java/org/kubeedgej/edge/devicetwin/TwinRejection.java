package org.kubeedgej.edge.devicetwin;

/**
 * A twin request DeviceTwin refuses, with KubeEdge's result code ({@code dtcommon}: 400 bad request, 404 device
 * not found, 409 stale version, 500 storage failure) and a reason for the mapper.
 */
public final class TwinRejection extends Exception {

    public static final int BAD_REQUEST = 400;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    public static final int INTERNAL_ERROR = 500;

    private static final long serialVersionUID = 1L;

    private final int code;

    public TwinRejection(int code, String reason) {
        super(reason);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }
}
