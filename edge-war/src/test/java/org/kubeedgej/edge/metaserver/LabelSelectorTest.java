package org.kubeedgej.edge.metaserver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class LabelSelectorTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front", "example.com/team", "a");

    @Test
    void equalityRequirements() {
        assertTrue(LabelSelector.parse("app=web").matches(WEB));
        assertTrue(LabelSelector.parse("app==web").matches(WEB));
        assertTrue(LabelSelector.parse("app = web , tier=front").matches(WEB));
        assertFalse(LabelSelector.parse("app=web,tier=back").matches(WEB));
        assertTrue(LabelSelector.parse("app!=db").matches(WEB));
        assertTrue(LabelSelector.parse("missing!=x").matches(WEB), "!= matches objects without the label");
        assertTrue(LabelSelector.parse("example.com/team=a").matches(WEB));
        assertTrue(LabelSelector.parse("app=").matches(Map.of("app", "")));
    }

    @Test
    void existenceAndSetRequirements() {
        assertTrue(LabelSelector.parse("tier").matches(WEB));
        assertFalse(LabelSelector.parse("!tier").matches(WEB));
        assertTrue(LabelSelector.parse("!missing").matches(WEB));
        assertTrue(LabelSelector.parse("app in (web, db)").matches(WEB));
        assertFalse(LabelSelector.parse("app in (db)").matches(WEB));
        assertTrue(LabelSelector.parse("app notin (db),tier in (front)").matches(WEB));
        assertTrue(LabelSelector.parse("missing notin (x)").matches(WEB));
        assertFalse(LabelSelector.parse("missing in (x)").matches(WEB));
    }

    @Test
    void emptySelectsEverything() {
        assertTrue(LabelSelector.parse(null).isEmpty());
        assertTrue(LabelSelector.parse(" ").matches(Map.of()));
    }

    @Test
    void tryToParseMalformedSelectors() {
        for (String bad : new String[] {"app in (a", "app in a)", "=x", "a b", "app=-bad-", "app in ((a))", ",",
                "app>1", "app=" + "x".repeat(64)}) {
            assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse(bad), bad);
        }
    }
}
