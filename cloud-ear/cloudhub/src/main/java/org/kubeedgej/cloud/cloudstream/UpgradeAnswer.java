package org.kubeedgej.cloud.cloudstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The edge's answer to an exec or attach, read from the head of its data: KubeEdge's edge copies back what its kubelet
 * server writes (an HTTP response, 101 for an upgrade), so the status line and headers come first, then the upgraded
 * protocol's bytes or an error body. The head is bounded at {@value #MAX_HEAD} bytes.
 *
 * @param rest what followed the head in the data read so far
 */
record UpgradeAnswer(int status, String reason, List<Map.Entry<String, String>> headers, byte[] rest) {

    static final int MAX_HEAD = 16 * 1024;

    /**
     * Reads the head from the connection's data as it comes.
     *
     * @return the answer, or null when the edge ended the connection or gave no whole head by the deadline
     * @throws IllegalStateException when the edge's head is not HTTP or too long
     */
    static UpgradeAnswer read(StreamConnection connection, long deadlineMillis) throws InterruptedException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (System.currentTimeMillis() < deadlineMillis) {
            byte[] data = connection.next(Math.max(1, Math.min(250, deadlineMillis - System.currentTimeMillis())));
            if (data == null) {
                continue;
            }
            if (data.length == 0) {
                return null;
            }
            head.writeBytes(data);
            byte[] all = head.toByteArray();
            int end = indexOfBlankLine(all);
            if (end >= 0) {
                return parse(Arrays.copyOf(all, end), Arrays.copyOfRange(all, end + 4, all.length));
            }
            if (all.length > MAX_HEAD) {
                throw new IllegalStateException("the edge's answer has no end of head within " + MAX_HEAD + " bytes");
            }
        }
        return null;
    }

    static UpgradeAnswer parse(byte[] headBytes, byte[] rest) {
        String[] lines = new String(headBytes, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("\\d{3}")) {
            throw new IllegalStateException("the edge's answer does not start with an HTTP status line: "
                    + lines[0].substring(0, Math.min(80, lines[0].length())));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(lines[i].substring(0, colon).strip(),
                        lines[i].substring(colon + 1).strip()));
            }
        }
        return new UpgradeAnswer(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "", List.copyOf(headers),
                rest);
    }

    private static int indexOfBlankLine(byte[] data) {
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
