package org.kubeedgej.edge.metaserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** MetaServer's HTTP API against the real server on a free port, with MetaManager's store in memory. */
@Timeout(30)
final class MetaServerHttpServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final InMemoryMetaRepository repository = new InMemoryMetaRepository();
    private final FakeMetaManager metaManager = new FakeMetaManager(repository);
    private final HttpClient client = HttpClient.newHttpClient();
    private MetaServerHttpServer underTest;

    @TempDir
    Path tempDir;

    @BeforeEach
    void setUp() throws IOException {
        metaManager.insert("default/pod/web", FakeMetaManager.pod("default", "web", 100));
        metaManager.insert("default/pod/db", FakeMetaManager.pod("default", "db", 101, Map.of("app", "db",
                "tier", "backend"), "Pending"));
        metaManager.insert("kube-system/pod/dns", FakeMetaManager.pod("kube-system", "dns", 102));
        metaManager.insert("default/configmap/settings", FakeMetaManager.configMap("default", "settings", 103, "a"));
        metaManager.insert("default/secret/token", FakeMetaManager.named("secret", "default", "token", 104));
        metaManager.insert("default/service/web", FakeMetaManager.named("service", "default", "web", 105));
        metaManager.insert("default/node/edge-node", FakeMetaManager.named("node", null, "edge-node", 106));
        underTest = start(settings(3, 100));
    }

    @AfterEach
    void tearDown() {
        underTest.stop();
    }

    private MetaServerHttpServer start(MetaServerSettings settings) throws IOException {
        MetaServerHttpServer server = MetaServerHttpServer.start(settings, repository,
                Executors.defaultThreadFactory());
        metaManager.observedBy(server::onStored);
        return server;
    }

    private MetaServerSettings settings(int maxWatches, int cacheSize) throws IOException {
        return new MetaServerSettings("127.0.0.1", 0, maxWatches, Duration.ofSeconds(20), Duration.ofMillis(200),
                cacheSize, 100, Optional.of(MetaServerToken.loadOrCreate(tokenFile())));
    }

    private Path tokenFile() {
        return tempDir.resolve("metaserver.token");
    }

    private String token() throws IOException {
        return Files.readString(tokenFile()).strip();
    }

    @Test
    void secretsNeedTheTokenThatIsMadeOwnerOnlyAndOtherResourcesDoNot() throws Exception {
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(tokenFile()));
        for (String path : List.of("/api/v1/namespaces/default/secrets/token", "/api/v1/namespaces/default/secrets",
                "/api/v1/secrets", "/api/v1/namespaces/default/secrets?watch=true")) {
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode(), path);
            assertTrue(json(refused.body()).getString("message").contains(tokenFile().toString()), refused.body());
            HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(uri(path))
                    .header("Authorization", "Bearer " + token() + "x").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode(), path);
        }
        HttpResponse<String> pods = client.send(HttpRequest.newBuilder(uri("/api/v1/namespaces/default/pods"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, pods.statusCode(), "only Secrets need the token");
        assertEquals("Secret", json(get("/api/v1/namespaces/default/secrets/token").body()).getString("kind"));
    }

    @Test
    void listensOnLoopbackOnly() {
        assertEquals("127.0.0.1", underTest.address().getAddress().getHostAddress());
        IOException e = assertThrows(IOException.class, () -> MetaServerHttpServer.start(new MetaServerSettings(
                "192.0.2.1", 0, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1, Optional.empty()), repository,
                Executors.defaultThreadFactory()));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    }

    @Test
    void portInUseIsABindException() {
        MetaServerSettings taken = new MetaServerSettings("127.0.0.1", underTest.address().getPort(), 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1, Optional.empty());
        assertThrows(BindException.class, () -> MetaServerHttpServer.start(taken, repository,
                Executors.defaultThreadFactory()));
    }

    @Test
    void getAnswersTheStoredObjectWithApiVersionAndKind() throws Exception {
        HttpResponse<String> response = get("/api/v1/namespaces/default/pods/web");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject pod = json(response.body());
        assertEquals("v1", pod.getString("apiVersion"));
        assertEquals("Pod", pod.getString("kind"));
        assertEquals("web", pod.getJsonObject("metadata").getString("name"));
        assertEquals("100", pod.getJsonObject("metadata").getString("resourceVersion"));
        assertEquals("edge-node", pod.getJsonObject("spec").getString("nodeName"));
        assertEquals("ConfigMap", json(get("/api/v1/namespaces/default/configmaps/settings").body())
                .getString("kind"));
        assertEquals("Secret", json(get("/api/v1/namespaces/default/secrets/token").body()).getString("kind"));
        assertEquals("Service", json(get("/api/v1/namespaces/default/services/web").body()).getString("kind"));
        assertEquals("Node", json(get("/api/v1/nodes/edge-node").body()).getString("kind"));
    }

    @Test
    void unknownObjectIs404WithAKubernetesStatus() throws Exception {
        HttpResponse<String> response = get("/api/v1/namespaces/default/pods/nope");
        assertEquals(404, response.statusCode());
        JsonObject status = json(response.body());
        assertEquals("Status", status.getString("kind"));
        assertEquals("v1", status.getString("apiVersion"));
        assertEquals("Failure", status.getString("status"));
        assertEquals("NotFound", status.getString("reason"));
        assertEquals(404, status.getInt("code"));
        assertEquals("pods \"nope\" not found", status.getString("message"));
        assertEquals("nope", status.getJsonObject("details").getString("name"));
        assertEquals(404, get("/api/v1/namespaces/other/pods/web").statusCode(), "namespaces are kept apart");
        assertEquals(404, get("/api/v1/nodes/other-node").statusCode());
    }

    @Test
    void listsAreKubernetesListsInNamespaceOrder() throws Exception {
        JsonObject list = json(get("/api/v1/namespaces/default/pods").body());
        assertEquals("PodList", list.getString("kind"));
        assertEquals("v1", list.getString("apiVersion"));
        assertEquals("106", list.getJsonObject("metadata").getString("resourceVersion"));
        assertEquals(List.of("db", "web"), names(list));
        list.getJsonArray("items").getValuesAs(JsonObject.class).forEach(item -> {
            assertEquals("Pod", item.getString("kind"));
            assertEquals("v1", item.getString("apiVersion"));
        });
        assertEquals(List.of("db", "web", "dns"), names(json(get("/api/v1/pods").body())));
        assertEquals(List.of(), names(json(get("/api/v1/namespaces/empty/pods").body())));
        assertEquals("ConfigMapList", json(get("/api/v1/configmaps").body()).getString("kind"));
        assertEquals(List.of("token"), names(json(get("/api/v1/namespaces/default/secrets").body())));
        assertEquals(List.of("web"), names(json(get("/api/v1/services").body())));
        JsonObject nodes = json(get("/api/v1/nodes").body());
        assertEquals("NodeList", nodes.getString("kind"));
        assertEquals(List.of("edge-node"), names(nodes));
    }

    @Test
    void listsHonourLabelAndFieldSelectors() throws Exception {
        assertEquals(List.of("db"), names(json(get("/api/v1/pods?labelSelector=tier%3Dbackend").body())));
        assertEquals(List.of("web", "dns"), names(json(get("/api/v1/pods?labelSelector=app+notin+(db)").body())));
        assertEquals(List.of("db"), names(json(get("/api/v1/pods?labelSelector=tier").body())));
        assertEquals(List.of("web", "dns"), names(json(get("/api/v1/pods?labelSelector=!tier").body())));
        assertEquals(List.of("db", "web"), names(json(get("/api/v1/pods?labelSelector=app+in+(web,db),tier!%3Dfront")
                .body())));
        assertEquals(List.of("web"), names(json(get("/api/v1/namespaces/default/pods?fieldSelector="
                + "metadata.name%3Dweb").body())));
        assertEquals(List.of("db"), names(json(get("/api/v1/pods?fieldSelector=status.phase%3DPending").body())));
        assertEquals(List.of("dns"), names(json(get("/api/v1/pods?fieldSelector=metadata.namespace!%3Ddefault")
                .body())));
        assertEquals(List.of("db", "web", "dns"), names(json(get("/api/v1/pods?fieldSelector=spec.nodeName%3D"
                + "edge-node&limit=500&resourceVersion=0").body())), "limit and resourceVersion=0 are accepted");
    }

    @Test
    void writesAre405BecauseMetaServerIsReadOnly() throws Exception {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            HttpRequest write = HttpRequest.newBuilder(uri("/api/v1/namespaces/default/pods/web"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
            HttpResponse<String> response = client.send(write, HttpResponse.BodyHandlers.ofString());
            assertEquals(405, response.statusCode(), method);
            assertEquals("GET", response.headers().firstValue("Allow").orElse(""));
            JsonObject status = json(response.body());
            assertEquals("MethodNotAllowed", status.getString("reason"));
            assertTrue(status.getString("message").contains("read-only"), status.getString("message"));
        }
        assertEquals(7, repository.size(), "nothing was written or deleted");
        assertEquals(200, get("/api/v1/namespaces/default/pods/web").statusCode());
    }

    @Test
    void badQueriesAre400() throws Exception {
        for (String query : List.of("labelSelector=app+in+(a", "labelSelector=%3Dx", "fieldSelector=spec.foo%3Dx",
                "fieldSelector=nothing", "resourceVersion=abc", "resourceVersion=-5", "timeoutSeconds=soon",
                "watch=true&labelSelector=a+b")) {
            HttpResponse<String> response = get("/api/v1/namespaces/default/pods?" + query);
            assertEquals(400, response.statusCode(), query);
            assertEquals("BadRequest", json(response.body()).getString("reason"), query);
        }
        assertTrue(json(get("/api/v1/configmaps?fieldSelector=status.phase%3DRunning").body()).getString("message")
                .contains("field label not supported: status.phase"), "pods' fields are not configmaps'");
    }

    @Test
    void pathsMetaServerDoesNotServeAre404() throws Exception {
        for (String path : List.of("/api/v1/namespaces/default/endpoints", "/api/v1/namespaces/default/pods/web/status",
                "/api/v1/namespaces/default/pods/web/log", "/api/v1/namespaces/default/nodes", "/api/v2/pods",
                "/apis/apps/v1/deployments", "/api/v1/pods/web", "/api/v1/namespaces", "/api/v1//pods")) {
            HttpResponse<String> response = get(path);
            assertEquals(404, response.statusCode(), path);
            assertEquals("NotFound", json(response.body()).getString("reason"), path);
        }
    }

    @Test
    void discoveryDescribesWhatMetaServerServes() throws Exception {
        JsonObject version = json(get("/version").body());
        assertEquals("1", version.getString("major"));
        assertTrue(version.getString("gitVersion").startsWith("v1."));
        JsonObject api = json(get("/api").body());
        assertEquals("APIVersions", api.getString("kind"));
        assertEquals("v1", api.getJsonArray("versions").getString(0));
        JsonObject resources = json(get("/api/v1").body());
        assertEquals("APIResourceList", resources.getString("kind"));
        assertEquals("v1", resources.getString("groupVersion"));
        List<JsonObject> served = resources.getJsonArray("resources").getValuesAs(JsonObject.class);
        assertEquals(List.of("pods", "configmaps", "secrets", "services", "nodes"),
                served.stream().map(r -> r.getString("name")).toList());
        assertEquals(List.of("get", "list", "watch"), served.get(0).getJsonArray("verbs").getValuesAs(
                JsonString.class).stream().map(JsonString::getString).toList());
        assertFalse(served.get(4).getBoolean("namespaced"), "nodes are cluster-scoped");
        assertEquals("APIGroupList", json(get("/apis").body()).getString("kind"));
        assertEquals("ok", get("/healthz").body());
    }

    @Test
    void storeThatCannotBeReadIs503() throws Exception {
        repository.breakDown();
        HttpResponse<String> response = get("/api/v1/namespaces/default/pods");
        assertEquals(503, response.statusCode());
        assertEquals("ServiceUnavailable", json(response.body()).getString("reason"));
    }

    @Test
    void watchOnAStoreThatCannotBeReadEndsWithAnErrorEvent() throws Exception {
        repository.breakDown();
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/pods?watch=true"))) {
            JsonObject error = watch.next(WAIT);
            assertEquals("ERROR", error.getString("type"));
            assertEquals(503, error.getJsonObject("object").getInt("code"));
            assertTrue(watch.ended(WAIT));
        }
        awaitOpenWatches(0);
    }

    @Test
    void watchWithoutResourceVersionStartsWithTheCurrentObjectsThenFollowsChanges() throws Exception {
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/namespaces/default/pods?watch=true"))) {
            assertEquals(200, watch.status());
            assertEquals("chunked", watch.response().headers().firstValue("Transfer-Encoding").orElse(""));
            assertEvent(watch.nextChange(WAIT), "ADDED", "db");
            assertEvent(watch.nextChange(WAIT), "ADDED", "web");

            metaManager.insert("default/pod/cache", FakeMetaManager.pod("default", "cache", 110));
            JsonObject added = watch.nextChange(WAIT);
            assertEvent(added, "ADDED", "cache");
            assertEquals("Pod", added.getJsonObject("object").getString("kind"));
            assertEquals("110", resourceVersion(added));

            metaManager.insert("kube-system/pod/other", FakeMetaManager.pod("kube-system", "other", 111));
            metaManager.update("default/pod/web", FakeMetaManager.pod("default", "web", 112, Map.of("app", "web"),
                    "Succeeded"));
            JsonObject modified = watch.nextChange(WAIT);
            assertEvent(modified, "MODIFIED", "web");
            assertEquals("Succeeded", modified.getJsonObject("object").getJsonObject("status").getString("phase"));

            metaManager.delete("default/pod/cache", FakeMetaManager.pod("default", "cache", 113));
            assertEvent(watch.nextChange(WAIT), "DELETED", "cache");
            metaManager.delete("default/pod/db", JsonValue.NULL);
            JsonObject deleted = watch.nextChange(WAIT);
            assertEvent(deleted, "DELETED", "db");
            assertEquals("114", resourceVersion(deleted),
                    "a delete without an object gets the next revision");
        }
    }

    @Test
    void watchOneAndTheOldWatchPathWorkToo() throws Exception {
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/namespaces/default/configmaps?watch=1"))) {
            assertEvent(watch.nextChange(WAIT), "ADDED", "settings");
        }
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/watch/nodes"))) {
            assertEvent(watch.nextChange(WAIT), "ADDED", "edge-node");
        }
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/watch/namespaces/default/pods/web"))) {
            assertEvent(watch.nextChange(WAIT), "ADDED", "web");
            metaManager.update("default/pod/db", FakeMetaManager.pod("default", "db", 120));
            metaManager.update("default/pod/web", FakeMetaManager.pod("default", "web", 121));
            assertEvent(watch.nextChange(WAIT), "MODIFIED", "web");
        }
    }

    @Test
    void watchFromAListsResourceVersionGetsOnlyLaterChanges() throws Exception {
        String listed = json(get("/api/v1/namespaces/default/pods").body()).getJsonObject("metadata")
                .getString("resourceVersion");
        metaManager.update("default/pod/web", FakeMetaManager.pod("default", "web", 130));
        metaManager.insert("default/pod/late", FakeMetaManager.pod("default", "late", 131));
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/namespaces/default/pods?watch=true"
                + "&resourceVersion=" + listed))) {
            assertEvent(watch.nextChange(WAIT), "MODIFIED", "web");
            assertEvent(watch.nextChange(WAIT), "ADDED", "late");
            metaManager.update("default/pod/late", FakeMetaManager.pod("default", "late", 132));
            assertEvent(watch.nextChange(WAIT), "MODIFIED", "late");
        }
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/namespaces/default/pods?watch=true"
                + "&resourceVersion=131"))) {
            assertEvent(watch.nextChange(WAIT), "MODIFIED", "late");
            assertNull(watch.nextChange(Duration.ofMillis(300)), "nothing from before 131 is repeated");
        }
    }

    @Test
    void watchFromAResourceVersionNoLongerKeptGets410Expired() throws Exception {
        underTest.stop();
        underTest = start(settings(3, 2));
        for (int i = 0; i < 3; i++) {
            metaManager.update("default/pod/web", FakeMetaManager.pod("default", "web", 200 + i));
        }
        // Kept: the changes at 201 and 202; a client at 150 missed the one at 200.
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/pods?watch=true&resourceVersion=150"))) {
            assertEquals(200, watch.status());
            JsonObject error = watch.next(WAIT);
            assertEquals("ERROR", error.getString("type"));
            JsonObject status = error.getJsonObject("object");
            assertEquals("Status", status.getString("kind"));
            assertEquals(410, status.getInt("code"));
            assertEquals("Expired", status.getString("reason"));
            assertTrue(watch.ended(WAIT), "the watch ends after the error");
        }
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/pods?watch=true&resourceVersion=50"))) {
            assertEquals(410, watch.next(WAIT).getJsonObject("object").getInt("code"),
                    "changes from before MetaServer started are not kept");
        }
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/pods?watch=true&resourceVersion=200"))) {
            JsonObject replayed = watch.nextChange(WAIT);
            assertEvent(replayed, "MODIFIED", "web");
            assertEquals("201", resourceVersion(replayed));
        }
    }

    @Test
    void watchWithASelectorSeesObjectsEnterAndLeaveIt() throws Exception {
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/namespaces/default/pods?watch=true"
                + "&labelSelector=tier%3Dbackend"))) {
            assertEvent(watch.nextChange(WAIT), "ADDED", "db");
            metaManager.update("default/pod/web", FakeMetaManager.pod("default", "web", 140, Map.of("tier", "backend"),
                    "Running"));
            assertEvent(watch.nextChange(WAIT), "ADDED", "web");
            metaManager.update("default/pod/db", FakeMetaManager.pod("default", "db", 141, Map.of("tier", "front"),
                    "Running"));
            assertEvent(watch.nextChange(WAIT), "DELETED", "db");
            metaManager.update("default/pod/db", FakeMetaManager.pod("default", "db", 142, Map.of("tier", "front"),
                    "Failed"));
            metaManager.update("default/pod/web", FakeMetaManager.pod("default", "web", 143, Map.of("tier", "backend"),
                    "Failed"));
            assertEvent(watch.nextChange(WAIT), "MODIFIED", "web");
        }
    }

    @Test
    void watchEndsAfterItsTimeoutSeconds() throws Exception {
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/pods?watch=true&timeoutSeconds=1"))) {
            assertTrue(watch.ended(WAIT));
        }
        awaitOpenWatches(0);
    }

    @Test
    void bookmarksAreSentOnlyWhenAllowed() throws Exception {
        try (WatchLines watch = WatchLines.open(client,
                uri("/api/v1/configmaps?watch=true&allowWatchBookmarks=true"))) {
            assertEvent(watch.next(WAIT), "ADDED", "settings");
            JsonObject bookmark = watch.next(WAIT);
            assertEquals("BOOKMARK", bookmark.getString("type"));
            assertEquals("ConfigMap", bookmark.getJsonObject("object").getString("kind"));
            assertEquals("106", resourceVersion(bookmark));
        }
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/configmaps?watch=true"))) {
            assertEvent(watch.next(WAIT), "ADDED", "settings");
            assertNull(watch.next(Duration.ofMillis(600)));
        }
    }

    @Test
    void watchClosedByTheClientFreesItsSlot() throws Exception {
        WatchLines bookmarked = WatchLines.open(client, uri("/api/v1/pods?watch=true&allowWatchBookmarks=true"));
        assertNotNull(bookmarked.nextChange(WAIT));
        WatchLines plain = WatchLines.open(client, uri("/api/v1/pods?watch=true"));
        assertNotNull(plain.nextChange(WAIT));
        awaitOpenWatches(2);

        bookmarked.close();
        awaitOpenWatches(1); // noticed at the next bookmark
        plain.close();
        // Noticed when changes are written: the first write after the close may still be accepted by TCP.
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int rv = 150; underTest.openWatches() > 0 && System.nanoTime() < deadline; rv++) {
            metaManager.update("default/pod/web", FakeMetaManager.pod("default", "web", rv));
            Thread.sleep(50);
        }
        assertEquals(0, underTest.openWatches());
    }

    @Test
    void watchesBeyondTheLimitAre429UntilOneEnds() throws Exception {
        List<WatchLines> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(WatchLines.open(client, uri("/api/v1/pods?watch=true&allowWatchBookmarks=true")));
        }
        awaitOpenWatches(3);
        HttpResponse<String> refused = get("/api/v1/pods?watch=true");
        assertEquals(429, refused.statusCode());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
        JsonObject status = json(refused.body());
        assertEquals("TooManyRequests", status.getString("reason"));
        assertTrue(status.getString("message").contains("maxWatches"), status.getString("message"));
        assertEquals(200, get("/api/v1/pods").statusCode(), "gets and lists are not held up by watches");

        open.get(0).close();
        awaitOpenWatches(2);
        try (WatchLines again = WatchLines.open(client, uri("/api/v1/pods?watch=true"))) {
            assertEquals(200, again.status());
            assertNotNull(again.nextChange(WAIT));
        }
        for (WatchLines watch : open) {
            watch.close();
        }
    }

    @Test
    void stoppingEndsOpenWatches() throws Exception {
        try (WatchLines watch = WatchLines.open(client, uri("/api/v1/pods?watch=true"))) {
            assertNotNull(watch.nextChange(WAIT));
            awaitOpenWatches(1);
            underTest.stop();
            assertTrue(watch.ended(WAIT));
            // The client can see the end a moment before the server's watch thread has counted itself out.
            awaitOpenWatches(0);
        }
    }

    private void awaitOpenWatches(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (underTest.openWatches() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, underTest.openWatches(), "open watches");
    }

    private static void assertEvent(JsonObject event, String type, String name) {
        assertNotNull(event, "no " + type + " event for " + name);
        assertEquals(type, event.getString("type"), event.toString());
        assertEquals(name, event.getJsonObject("object").getJsonObject("metadata").getString("name"), event.toString());
    }

    private static String resourceVersion(JsonObject event) {
        return event.getJsonObject("object").getJsonObject("metadata").getString("resourceVersion");
    }

    private static List<String> names(JsonObject list) {
        return list.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(item -> item.getJsonObject("metadata").getString("name")).toList();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + underTest.address().getPort() + path);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
