package org.kubeedgej.edge.servicebus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TargetUrlAllowListTest {

    private TargetUrlAllowList underTest;

    @BeforeEach
    void setUp() {
        ServiceBusConfig config = new ServiceBusConfig();
        config.targetUrls = Optional.of(List.of("http://cloud.example/api/temp", " http://cloud.example/api/hum "));
        underTest = new TargetUrlAllowList();
        underTest.config = config;
        underTest.loadConfigured();
    }

    @Test
    void configuredUrlsAreAllowedExactly() {
        assertTrue(underTest.allows("http://cloud.example/api/temp"));
        assertTrue(underTest.allows("http://cloud.example/api/hum"), "spaces around a configured URL are trimmed");
        assertFalse(underTest.allows("http://cloud.example/api/temp/"), "no normalisation: the slash differs");
        assertFalse(underTest.allows("http://cloud.example/api"), "no prefix matching");
        assertFalse(underTest.allows("HTTP://cloud.example/api/temp"));
        assertFalse(underTest.allows(null));
        assertFalse(underTest.allows(""));
    }

    @Test
    void rulesAddAndRemoveUrls() {
        assertTrue(underTest.add("rule/target"));
        assertFalse(underTest.add("rule/target"), "already there");
        assertFalse(underTest.add("  "), "blank URLs are never allowed");
        assertTrue(underTest.allows("rule/target"));
        assertEquals(List.of("http://cloud.example/api/hum", "http://cloud.example/api/temp", "rule/target"),
                underTest.urls());
        assertTrue(underTest.remove("rule/target"));
        assertFalse(underTest.remove("rule/target"));
        assertFalse(underTest.allows("rule/target"));
    }
}
