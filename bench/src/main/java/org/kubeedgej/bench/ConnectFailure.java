package org.kubeedgej.bench;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Short, countable descriptions of why a connect or a session failed. */
final class ConnectFailure {

    private ConnectFailure() {
    }

    /**
     * @param error what a connect or a session ended with
     * @return its cause in a few words (HTTP refusals with CloudHub's X-KubeEdge-Refused reason)
     */
    static String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof WebSocketHandshakeException handshake) {
            var response = handshake.getResponse();
            String reason = response.headers().firstValue("X-KubeEdge-Refused").orElse("");
            return "HTTP " + response.statusCode() + (reason.isEmpty() ? "" : ": " + reason);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "TCP connect timeout";
        }
        if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
            return "no upgrade answer in time";
        }
        if (e instanceof ConnectException) {
            return "TCP connect refused: " + e.getMessage();
        }
        if (e instanceof SSLException) {
            return "TLS: " + e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + (root != e ? " (" + root.getClass().getSimpleName() + ")" : "")
                + ": " + root.getMessage();
    }
}
