package org.kubeedgej.edge.edgestream;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the kubelet writes on an exec's error stream when it ends. In v4.channel.k8s.io a metav1.Status: Success, or
 * Failure with reason NonZeroExitCode and the code as the ExitCode cause (kubectl exits with it); older protocols
 * carry only the text of a failure.
 */
final class ExecStatus {

    private ExecStatus() {
        throw new AssertionError();
    }

    /**
     * @param exitCode the process's code, or null when unknown
     * @param problem why it broke off, or null
     * @return the bytes for the error stream (may be empty: nothing to say)
     */
    static byte[] of(String protocol, List<String> command, Integer exitCode, String problem) {
        boolean v4 = protocol.startsWith("v4.");
        String message = null;
        JsonObjectBuilder status = Json.createObjectBuilder().add("metadata", Json.createObjectBuilder());
        if (problem != null) {
            message = problem;
            status.add("status", "Failure").add("message", problem).add("reason", "InternalError")
                    .add("details", Json.createObjectBuilder().add("causes", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("message", problem))))
                    .add("code", 500);
        } else if (exitCode != null && exitCode != 0) {
            message = "command terminated with non-zero exit code: error executing command " + command
                    + ", exit code " + exitCode;
            status.add("status", "Failure").add("message", message).add("reason", "NonZeroExitCode")
                    .add("details", Json.createObjectBuilder().add("causes", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("reason", "ExitCode")
                                    .add("message", Integer.toString(exitCode)))));
        } else {
            status.add("status", "Success");
        }
        if (v4) {
            return status.build().toString().getBytes(StandardCharsets.UTF_8);
        }
        return message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8);
    }
}
