package org.kubeedgej.shared.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KubeEdge's stream frames and connect requests, byte for byte. */
class StreamMessageTest {

    @Test
    void encodesAsKubeEdgesMessageBytes() {
        // pkg/stream/message_test.go TestMessage_Bytes: uvarint(1), uvarint(0 = LOGS_CONNECT), "test_data".
        byte[] expected = ("\u0001\u0000test_data").getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(expected, new StreamMessage(1, StreamMessageType.LOGS_CONNECT,
                "test_data".getBytes(StandardCharsets.US_ASCII)).encode());
    }

    @Test
    void largeIdsTakeSeveralVarintBytesAndRoundTrip() {
        StreamMessage message = new StreamMessage(300, StreamMessageType.DATA, new byte[] {(byte) 0xff, 0});
        byte[] bytes = message.encode();
        assertArrayEquals(new byte[] {(byte) 0xac, 0x02, 0x03, (byte) 0xff, 0}, bytes);
        assertEquals(message, StreamMessage.decode(ByteBuffer.wrap(bytes), 16));
    }

    @Test
    void typesKeepKubeEdgesCodes() {
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), List.of(StreamMessageType.LOGS_CONNECT.code(),
                StreamMessageType.EXEC_CONNECT.code(), StreamMessageType.METRIC_CONNECT.code(),
                StreamMessageType.DATA.code(), StreamMessageType.REMOVE_CONNECT.code(),
                StreamMessageType.CLOSE_CONNECT.code(), StreamMessageType.ATTACH_CONNECT.code()));
    }

    @Test
    void badFramesAreRefusedWithTheReason() {
        assertTrue(assertThrows(StreamFormatException.class, () -> StreamMessage.decode(ByteBuffer.wrap(new byte[] {
            (byte) 0x80}), 16)).getMessage().contains("connection id"));
        assertTrue(assertThrows(StreamFormatException.class, () -> StreamMessage.decode(ByteBuffer.wrap(new byte[] {
            1, 9}), 16)).getMessage().contains("unknown stream message type 9"));
        assertTrue(assertThrows(StreamFormatException.class, () -> StreamMessage.decode(ByteBuffer.wrap(new byte[] {
            1, 3, 1, 2, 3}), 2)).getMessage().contains("over the limit"));
        byte[] endless = new byte[12];
        java.util.Arrays.fill(endless, (byte) 0xff);
        assertThrows(StreamFormatException.class, () -> StreamMessage.decode(ByteBuffer.wrap(endless), 16));
    }

    @Test
    void readsTheConnectRequestKubeEdgesCloudStreamMarshals() {
        // json.Marshal of stream.EdgedLogsConnection: url.URL has no JSON tags, http.Header is a map of lists.
        String kubeEdge = "{\"MessID\":7,\"url\":{\"Scheme\":\"http\",\"Opaque\":\"\",\"User\":null,"
                + "\"Host\":\"127.0.0.1:10350\",\"Path\":\"/containerLogs/default/web/main\",\"RawPath\":\"\","
                + "\"OmitHost\":false,\"ForceQuery\":false,\"RawQuery\":\"follow=true\u0026tailLines=10\","
                + "\"Fragment\":\"\",\"RawFragment\":\"\"},\"header\":{\"Accept\":[\"*/*\"]}}";
        StreamConnectRequest request = StreamConnectRequest.decode(kubeEdge.getBytes(StandardCharsets.UTF_8));
        assertEquals(new StreamConnectRequest(7, "/containerLogs/default/web/main", "follow=true&tailLines=10",
                Map.of("Accept", List.of("*/*"))), request);
        assertEquals(request, StreamConnectRequest.decode(request.encode()));
        assertTrue(new String(request.encode(), StandardCharsets.UTF_8).contains(
                "\"Host\":\"127.0.0.1:10350\""), "a KubeEdge edgestream forwards to its kubelet server");
    }

    @Test
    void readsTheExecRequestKubeEdgesCloudStreamMarshals() {
        // json.Marshal of stream.EdgedExecConnection: the logs fields plus "method"; the upgrade headers ride along.
        String kubeEdge = "{\"MessID\":9,\"url\":{\"Scheme\":\"http\",\"Opaque\":\"\",\"User\":null,"
                + "\"Host\":\"127.0.0.1:10350\",\"Path\":\"/exec/default/web/main\",\"RawPath\":\"\","
                + "\"OmitHost\":false,\"ForceQuery\":false,\"RawQuery\":\"command=ls\u0026output=1\u0026error=1\","
                + "\"Fragment\":\"\",\"RawFragment\":\"\"},\"header\":{\"Connection\":[\"Upgrade\"],"
                + "\"Upgrade\":[\"SPDY/3.1\"],\"X-Stream-Protocol-Version\":[\"v4.channel.k8s.io\","
                + "\"v3.channel.k8s.io\"]},\"method\":\"POST\"}";
        StreamConnectRequest request = StreamConnectRequest.decode(kubeEdge.getBytes(StandardCharsets.UTF_8));
        assertEquals("POST", request.method());
        assertEquals(List.of("v4.channel.k8s.io", "v3.channel.k8s.io"),
                request.headerValues("x-stream-protocol-version"));
        assertEquals(request, StreamConnectRequest.decode(request.encode()));
        StreamConnectRequest logs = new StreamConnectRequest(1, "/containerLogs/a/b/c", "", Map.of());
        assertTrue(!new String(logs.encode(), StandardCharsets.UTF_8).contains("method"),
                "EdgedLogsConnection has no method field");
    }

    @Test
    void aConnectRequestThatIsNotOneIsRefused() {
        for (String bad : List.of("[]", "{\"url\":{}}", "not json", "{\"MessID\":\"x\",\"url\":{\"Path\":\"/a\"}}",
                "{\"url\":{\"Path\":\"/a\"},\"header\":{\"A\":[1]}}")) {
            assertThrows(StreamFormatException.class, () -> StreamConnectRequest.decode(
                    bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }
}
