package org.kubeedgej.cloud.cloudstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestHeadTest {

    private static final long LATER = System.nanoTime() + 60_000_000_000L;

    private static InputStream wire(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsTheHeadOfAnExecUpgradeAndLeavesWhatFollows() throws IOException {
        InputStream in = wire("POST /exec/default/shell/main?command=sh&input=1 HTTP/1.1\r\nHost: 127.0.0.1:10003\r\n"
                + "Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io,"
                + " v3.channel.k8s.io\r\n\r\nstdin-bytes");
        RequestHead head = RequestHead.read(in, LATER);
        assertEquals("/exec/default/shell/main?command=sh&input=1", head.target());
        assertTrue(head.isUpgrade());
        assertEquals(List.of("v4.channel.k8s.io", "v3.channel.k8s.io"), head.values("x-stream-protocol-version"));
        assertArrayEquals("stdin-bytes".getBytes(StandardCharsets.ISO_8859_1), in.readAllBytes());
    }

    @Test
    void aPlainRequestIsNotAnUpgradeAndLosesTheNamedHeadersOnly() throws IOException {
        RequestHead head = RequestHead.read(wire("GET /containerLogs/default/p/c?follow=true HTTP/1.1\r\n"
                + "Host: x\r\nConnection: keep-alive\r\nX-KubeEdgeJ-Stream-Client: forged admin\r\n"
                + "Accept: */*\r\n\r\n"), LATER);
        assertFalse(head.isUpgrade());
        RequestHead forwarded = head.without(List.of("connection", StreamClientIdentity.HEADER),
                List.of("Connection: close"));
        assertEquals("GET /containerLogs/default/p/c?follow=true HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n"
                + "Connection: close\r\n\r\n", new String(forwarded.bytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aClosedConnectionBeforeAnyByteIsNoRequest() throws IOException {
        assertNull(RequestHead.read(wire(""), LATER));
    }

    @Test
    void badHeadsAreRefusedWithTheirStatus() {
        assertEquals(400, status("GET /x HTTP/1.1\r\nHost: x\r\n"), "cut off inside the head");
        assertEquals(400, status("\u0016\u0003\u0001 hello\r\n\r\n"), "not HTTP");
        assertEquals(400, status("GET /x HTTP/2.0\r\n\r\n"), "not HTTP/1.x");
        assertEquals(431, status("GET /x HTTP/1.1\r\nX-Pad: " + "a".repeat(RequestHead.MAX_HEAD) + "\r\n\r\n"));
        RequestHead.MalformedHeadException late = assertThrows(RequestHead.MalformedHeadException.class,
                () -> RequestHead.read(wire("GET /x HTTP/1.1\r\n\r\n"), System.nanoTime() - 1));
        assertEquals(408, late.status());
    }

    @Test
    void theIdentityHeaderCarriesOnlyThisServersSecret() {
        StreamClientIdentity identity = new StreamClientIdentity();
        String line = identity.headerLine("kube-apiserver-kubelet-client");
        String value = line.substring(line.indexOf(':') + 1).strip();
        assertEquals("kube-apiserver-kubelet-client", identity.verified(value).orElseThrow());
        assertTrue(identity.verified("guessed kube-apiserver-kubelet-client").isEmpty());
        assertTrue(new StreamClientIdentity().verified(value).isEmpty(), "another server's secret differs");
        assertTrue(identity.verified(null).isEmpty());
        assertFalse(identity.headerLine("evil\r\nX-Other: 1").contains("\r"), "no header can be smuggled in");
    }

    private static int status(String text) {
        return assertThrows(RequestHead.MalformedHeadException.class, () -> RequestHead.read(wire(text), LATER))
                .status();
    }
}
