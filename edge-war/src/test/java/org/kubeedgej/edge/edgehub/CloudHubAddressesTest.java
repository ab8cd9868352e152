package org.kubeedgej.edge.edgehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which CloudHub address EdgeHub tries, and in which order after failures. */
class CloudHubAddressesTest {

    @Test
    void eachFailureMovesToTheNextAddressAndWrapsAround() {
        CloudHubAddresses addresses = new CloudHubAddresses(List.of("10.0.0.1:10000", "10.0.0.2:10000",
                "10.0.0.3:10000"));
        assertEquals("10.0.0.1:10000", addresses.current(), "the first listed is tried first");
        assertEquals("10.0.0.2:10000", addresses.advance());
        assertEquals("10.0.0.2:10000", addresses.current());
        assertEquals("10.0.0.3:10000", addresses.advance());
        assertEquals("10.0.0.1:10000", addresses.advance());
        assertTrue(addresses.several());
    }

    @Test
    void aSingleAddressIsAlwaysTheOne() {
        CloudHubAddresses addresses = new CloudHubAddresses(List.of("127.0.0.1:10000"));
        assertEquals("127.0.0.1:10000", addresses.advance());
        assertEquals("127.0.0.1:10000", addresses.advance());
        assertFalse(addresses.several());
    }

    @Test
    void blanksAndRepeatsAreDropped() {
        CloudHubAddresses addresses = new CloudHubAddresses(Arrays.asList(" a:1 ", "", null, "a:1", "b:2"));
        assertEquals(List.of("a:1", "b:2"), addresses.all());
    }

    @Test
    void noAddressIsRefusedNamingTheKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CloudHubAddresses(List.of(" ")));
        assertTrue(e.getMessage().contains("modules.edgeHub.websocket.servers"), e.getMessage());
    }

    @Test
    void theListReplacesTheSingleKeyAndWithoutItTheSingleKeyStays() {
        EdgeHubConfig config = new EdgeHubConfig();
        config.server = "127.0.0.1:10000";
        config.servers = Optional.empty();
        assertEquals(List.of("127.0.0.1:10000"), config.servers());
        assertEquals("127.0.0.1:10000", config.server());

        config.servers = Optional.of(List.of("10.0.0.1:10000", " 10.0.0.2:10000"));
        assertEquals(List.of("10.0.0.1:10000", "10.0.0.2:10000"), config.servers());
        assertEquals("10.0.0.1:10000", config.server(), "EdgeStream derives its tunnel from the first");
    }

    @Test
    void edgesGivenTheSameListSpreadOverItAndEachKeepsItsOwnStart() {
        List<String> replicas = List.of("a:10000", "b:10000", "c:10000");
        java.util.Map<String, Integer> starts = new java.util.TreeMap<>();
        for (int i = 0; i < 300; i++) {
            String node = "edge-" + i;
            String start = new CloudHubAddresses(replicas, node, true).current();
            assertEquals(start, new CloudHubAddresses(replicas, node, true).current(), "the same node, the same start");
            starts.merge(start, 1, Integer::sum);
        }
        assertEquals(3, starts.size(), "every replica gets edges: " + starts);
        starts.values().forEach(n -> assertTrue(n > 60 && n < 140, "roughly a third each: " + starts));
    }

    @Test
    void fromASpreadStartTheEdgeStillGoesRoundEveryAddress() {
        List<String> replicas = List.of("a:1", "b:2");
        CloudHubAddresses addresses = new CloudHubAddresses(replicas, "edge-x", true);
        String first = addresses.current();
        String second = addresses.advance();
        assertTrue(replicas.contains(first) && replicas.contains(second) && !first.equals(second));
        assertEquals(first, addresses.advance());
    }

    @Test
    void withoutSpreadingEveryEdgeStartsAtTheFirst() {
        for (int i = 0; i < 20; i++) {
            assertEquals("a:1", new CloudHubAddresses(List.of("a:1", "b:2"), "edge-" + i, false).current());
        }
    }
}
