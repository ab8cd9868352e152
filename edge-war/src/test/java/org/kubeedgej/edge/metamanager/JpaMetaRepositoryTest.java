package org.kubeedgej.edge.metamanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class JpaMetaRepositoryTest {

    private static final String POD = "{\"metadata\":{\"name\":\"nginx\"}}";

    private TestEdgeDatabase database;
    private JpaMetaRepository underTest;

    @BeforeEach
    void open() {
        database = new TestEdgeDatabase();
        underTest = repositoryOn(database.open());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static JpaMetaRepository repositoryOn(EdgePersistence persistence) {
        JpaMetaRepository repository = new JpaMetaRepository();
        repository.persistence = persistence;
        return repository;
    }

    @Test
    void saveThenFindReturnsTheStoredJson() {
        underTest.save("default/pod/nginx", "pod", POD);
        assertEquals(Optional.of(POD), underTest.find("default/pod/nginx"));
        assertEquals(Optional.empty(), underTest.find("default/pod/other"));
    }

    @Test
    void saveOfAKnownKeyReplacesTypeAndValue() {
        underTest.save("default/configmap/settings", "configmap", "{\"data\":{\"a\":\"1\"}}");
        underTest.save("default/configmap/settings", "configmap", "{\"data\":{\"a\":\"2\"}}");
        assertEquals(Optional.of("{\"data\":{\"a\":\"2\"}}"), underTest.find("default/configmap/settings"));
        assertEquals(Map.of("default/configmap/settings", "{\"data\":{\"a\":\"2\"}}"),
                underTest.findByType("configmap"));
    }

    @Test
    void findByTypeReturnsOnlyThatTypeInKeyOrder() {
        underTest.save("default/pod/b", "pod", "{\"b\":1}");
        underTest.save("default/secret/s", "secret", "{}");
        underTest.save("default/pod/a", "pod", "{\"a\":1}");
        Map<String, String> pods = underTest.findByType("pod");
        assertEquals(List.of("default/pod/a", "default/pod/b"), List.copyOf(pods.keySet()));
        assertEquals("{\"a\":1}", pods.get("default/pod/a"));
        assertTrue(underTest.findByType("node").isEmpty());
    }

    @Test
    void deleteReportsWhetherTheKeyWasThere() {
        underTest.save("default/pod/nginx", "pod", POD);
        assertTrue(underTest.delete("default/pod/nginx"));
        assertFalse(underTest.delete("default/pod/nginx"));
        assertEquals(Optional.empty(), underTest.find("default/pod/nginx"));
    }

    @Test
    void aLargeObjectIsKeptWhole() {
        String big = "{\"data\":{\"blob\":\"" + "x".repeat(1_000_000) + "\"}}";
        underTest.save("default/configmap/big", "configmap", big);
        assertEquals(Optional.of(big), underTest.find("default/configmap/big"));
    }

    @Test
    void objectsSurviveAReopenOfTheDatabase() {
        underTest.save("default/pod/nginx", "pod", POD);
        JpaMetaRepository reopened = repositoryOn(database.open());
        assertEquals(Optional.of(POD), reopened.find("default/pod/nginx"));
        reopened.save("default/pod/second", "pod", "{}");
        assertEquals(2, reopened.findByType("pod").size());
    }

    @Test
    void theMetaTableOfTheJdbcEraIsReadAndWrittenAsItIs() throws Exception {
        TestEdgeDatabase old = new TestEdgeDatabase();
        try (old) {
            old.execute(TestEdgeDatabase.JDBC_ERA_SCHEMA);
            old.execute("INSERT INTO meta (\"key\", \"type\", \"value\") VALUES ('default/pod/old', 'pod', '{}')");
            JpaMetaRepository repository = repositoryOn(old.open());
            assertEquals(Optional.of("{}"), repository.find("default/pod/old"));
            repository.save("default/pod/new", "pod", POD);
            assertEquals(2, repository.findByType("pod").size());
            assertEquals(2, old.count("SELECT COUNT(*) FROM meta"));
        }
    }

    @Test
    void tryToSaveATypeLongerThanTheColumnFailsWithTheKeyNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> underTest.save("default/pod/x", "t".repeat(33), "{}"));
        assertTrue(e.getMessage().startsWith("cannot store default/pod/x in the edge database"), e.getMessage());
        assertEquals(Optional.empty(), underTest.find("default/pod/x"));
    }
}
