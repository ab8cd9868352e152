package org.kubeedgej.edge.edgestream;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Joins the tunnel's frames into whole stream messages (binary from CloudCore, text from KubeEdge's cloudstream,
 * which writes the same bytes as text), refusing any larger than {@value #MAX_MESSAGE} bytes.
 */
final class TunnelListener implements WebSocket.Listener {

    static final int MAX_MESSAGE = (1 << 20) + 32;

    private final Consumer<ByteBuffer> onMessage;
    private final BiConsumer<WebSocket, String> onGone;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    TunnelListener(Consumer<ByteBuffer> onMessage, BiConsumer<WebSocket, String> onGone) {
        this.onMessage = onMessage;
        this.onGone = onGone;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return append(webSocket, bytes, last);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        return append(webSocket, data.toString().getBytes(StandardCharsets.UTF_8), last);
    }

    private CompletionStage<?> append(WebSocket webSocket, byte[] bytes, boolean last) {
        if (partial.size() + bytes.length > MAX_MESSAGE) {
            partial.reset();
            webSocket.sendClose(1009, "stream message over " + MAX_MESSAGE + " bytes");
            onGone.accept(webSocket, "CloudStream sent a message over " + MAX_MESSAGE + " bytes");
            return null;
        }
        partial.writeBytes(bytes);
        if (last) {
            ByteBuffer message = ByteBuffer.wrap(partial.toByteArray());
            partial.reset();
            onMessage.accept(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        onGone.accept(webSocket, "CloudStream closed the tunnel: " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        onGone.accept(webSocket, "stream tunnel error: " + error);
    }
}
