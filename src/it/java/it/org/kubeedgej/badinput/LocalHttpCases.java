package it.org.kubeedgej.badinput;

import static it.org.kubeedgej.badinput.BadInputRig.ALLOWED;
import static it.org.kubeedgej.badinput.BadInputRig.MAX_WATCHES;
import static it.org.kubeedgej.badinput.BadInputRig.METASERVER;
import static it.org.kubeedgej.badinput.BadInputRig.SERVICEBUS;
import static it.org.kubeedgej.badinput.BadInputRig.SERVICEBUS_MAX_BODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A local process on the edge node against ServiceBus (POST uploads to allow-listed cloud URLs) and MetaServer (a
 * read-only Kubernetes API of the node's objects): each wrong request gets its status and a reason.
 */
final class LocalHttpCases {

    List<BadCase> all() {
        List<BadCase> cases = new ArrayList<>();
        serviceBus(cases);
        metaServer(cases);
        return cases;
    }

    private void serviceBus(List<BadCase> cases) {
        cases.add(sb("ServiceBus GET -> 405 (POST only)", "GET", null, 405, "takes POST"));
        cases.add(sb("ServiceBus PUT -> 405 (POST only)", "PUT", "{}", 405, "takes POST"));
        cases.add(sb("ServiceBus body that is not JSON -> 400", "POST", "{not json", 400, "must be a JSON object"));
        cases.add(sb("ServiceBus body that is a JSON array -> 400", "POST", "[1]", 400, "must be a JSON object"));
        cases.add(sb("ServiceBus body without targetURL -> 400", "POST", "{\"payload\":1}", 400,
                "the request has no"));
        cases.add(sb("ServiceBus targetURL that is a number -> 400", "POST", "{\"targetURL\":7}", 400,
                "the request has no"));
        cases.add(sb("ServiceBus target outside the allow-list (cloud metadata address) -> 403", "POST",
                "{\"targetURL\":\"http://169.254.169.254/latest/meta-data\"}", 403, "not on ServiceBus's allow-list"));
        cases.add(sb("ServiceBus allow-listed URL plus a slash -> 403 (exact match only)", "POST",
                "{\"targetURL\":\"" + ALLOWED + "/\"}", 403, "not on ServiceBus's allow-list"));
        cases.add(sb("ServiceBus allow-listed URL plus a query -> 403 (exact match only)", "POST",
                "{\"targetURL\":\"" + ALLOWED + "?to=http://elsewhere\"}", 403, "not on ServiceBus's allow-list"));
        cases.add(BadCase.of("ServiceBus Content-Length of 10 MB declared -> 413 before reading it", () -> {
            byte[] request = ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 10485760"
                    + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);
            assertAnswer(RawHttp.exchange(SERVICEBUS, request), 413, "larger than " + SERVICEBUS_MAX_BODY);
        }));
        cases.add(BadCase.of("ServiceBus chunked body over maxBodyBytes -> 413", () -> {
            String chunk = "a".repeat(16 * 1024);
            StringBuilder request = new StringBuilder("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 5; i++) {
                request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            request.append("0\r\n\r\n");
            assertAnswer(RawHttp.exchange(SERVICEBUS, request.toString().getBytes(StandardCharsets.US_ASCII)), 413,
                    "larger than " + SERVICEBUS_MAX_BODY);
        }));
    }

    private void metaServer(List<BadCase> cases) {
        String pods = "/api/v1/namespaces/default/pods";
        cases.add(ms("MetaServer POST (create) -> 405 read-only", "POST", pods, "{\"kind\":\"Pod\"}", 405,
                "MetaServer is read-only"));
        cases.add(ms("MetaServer PUT -> 405 read-only", "PUT", pods + "/x", "{}", 405, "MetaServer is read-only"));
        cases.add(ms("MetaServer PATCH -> 405 read-only", "PATCH", pods + "/x", "{}", 405, "MetaServer is read-only"));
        cases.add(ms("MetaServer DELETE -> 405 read-only", "DELETE", pods + "/x", null, 405,
                "MetaServer is read-only"));
        cases.add(ms("MetaServer unknown resource (deployments) -> 404", "GET",
                "/api/v1/namespaces/default/deployments", null, 404, "could not find the requested resource"));
        cases.add(ms("MetaServer API group it does not serve (apps/v1) -> 404", "GET",
                "/apis/apps/v1/namespaces/default/deployments", null, 404, "could not find the requested resource"));
        cases.add(ms("MetaServer subresource pods/x/log -> 404", "GET", pods + "/x/log", null, 404,
                "could not find the requested resource"));
        cases.add(ms("MetaServer subresource pods/x/exec -> 404", "GET", pods + "/x/exec", null, 404,
                "could not find the requested resource"));
        cases.add(ms("MetaServer path traversal pods/../../../secrets -> 404", "GET", pods + "/../../../secrets",
                null, 404, "could not find the requested resource"));
        cases.add(ms("MetaServer encoded traversal %2e%2e%2f -> 404", "GET",
                pods + "/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecrets", null, 404, "could not find the requested resource"));
        cases.add(ms("MetaServer path with an empty segment -> 404", "GET", "/api/v1//pods", null, 404,
                "could not find the requested resource"));
        cases.add(ms("MetaServer unparsable labelSelector -> 400", "GET", pods + "?labelSelector=a%20in%20(", null,
                400, ""));
        cases.add(BadCase.of("MetaServer watches beyond maxWatches -> 429", () -> {
            List<InputStream> watches = new ArrayList<>();
            try {
                for (int i = 0; i < MAX_WATCHES; i++) {
                    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + METASERVER
                            + "/api/v1/pods?watch=true").toURL().openConnection();
                    watches.add(c.getInputStream());
                }
                assertAnswer(RawHttp.send(METASERVER, "GET", "/api/v1/pods?watch=true", null), 429, "");
            } finally {
                for (InputStream watch : watches) {
                    watch.close();
                }
            }
        }));
    }

    private static BadCase sb(String name, String method, String body, int status, String reason) {
        return BadCase.of(name, () -> assertAnswer(RawHttp.send(SERVICEBUS, method, "/", body), status, reason));
    }

    private static BadCase ms(String name, String method, String path, String body, int status, String reason) {
        return BadCase.of(name, () -> assertAnswer(RawHttp.send(METASERVER, method, path, body), status, reason));
    }

    static void assertAnswer(RawHttp.Answer answer, int status, String reason) {
        assertEquals(status, answer.status(), answer.text());
        assertTrue(answer.text().contains(reason), "expected '" + reason + "' in " + answer.text());
    }
}
