package org.kubeedgej.edge.edgehub;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Receives CloudHub's frames for one connection, joins fragments into whole messages and passes each on. The next
 * frame is requested only after a message is handled, so a slow store slows the cloud instead of piling up memory.
 */
final class EdgeHubListener implements WebSocket.Listener {

    private final Consumer<String> onMessage;
    private final BiConsumer<WebSocket, String> onGone;
    private final StringBuilder partial = new StringBuilder();

    EdgeHubListener(Consumer<String> onMessage, BiConsumer<WebSocket, String> onGone) {
        this.onMessage = onMessage;
        this.onGone = onGone;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            onMessage.accept(text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        onGone.accept(webSocket, "closed by cloudhub: " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        onGone.accept(webSocket, "connection error: " + error);
    }
}
