package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import java.util.Arrays;
import java.util.Locale;

/**
 * Content negotiation. The server reads JSON and Kubernetes protobuf bodies but answers only JSON, which protobuf
 * clients accept: client-go and kubectl send {@code Accept: application/vnd.kubernetes.protobuf,application/json}
 * and decode by the answer's Content-Type.
 */
final class MediaTypes {
    static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    private MediaTypes() {
    }

    static boolean isProtobuf(String contentType) {
        return contentType != null && essence(contentType).equals(PROTOBUF);
    }

    /** Refuses (406) a request whose Accept header lists only media types this server cannot answer with. */
    static void requireJsonAnswer(HttpExchange exchange) throws StatusException {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept == null || accept.isBlank()) {
            return;
        }
        boolean onlyProtobuf = Arrays.stream(accept.split(",")).map(MediaTypes::essence)
                .filter(type -> !type.isEmpty()).allMatch(type -> type.startsWith(PROTOBUF));
        if (onlyProtobuf) {
            throw new StatusException(StatusResponses.failure(406, "NotAcceptable",
                    "only the following media types are accepted: application/json (this development server does "
                            + "not answer protobuf; got Accept: " + accept + ")"));
        }
    }

    /** The type/subtype of a media type, lower case, without parameters. */
    private static String essence(String mediaType) {
        int parameters = mediaType.indexOf(';');
        return (parameters < 0 ? mediaType : mediaType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }
}
