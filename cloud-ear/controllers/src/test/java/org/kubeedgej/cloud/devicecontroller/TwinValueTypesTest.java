package org.kubeedgej.cloud.devicecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwinValueTypesTest {

    @Test
    void valuesAreCheckedAsKubeEdgesEdgeChecksThem() {
        assertTrue(TwinValueTypes.fits("int", "-42"));
        assertFalse(TwinValueTypes.fits("int", "4.2"));
        assertTrue(TwinValueTypes.fits("integer", "7"));
        assertTrue(TwinValueTypes.fits("float", "4.2"));
        assertTrue(TwinValueTypes.fits("double", "1e3"));
        assertFalse(TwinValueTypes.fits("double", "warm"));
        assertTrue(TwinValueTypes.fits("boolean", "true"));
        assertFalse(TwinValueTypes.fits("boolean", "TRUE"), "KubeEdge takes only true and false");
        assertTrue(TwinValueTypes.fits("string", "anything"));
        assertTrue(TwinValueTypes.fits("bytes", "AAEC"));
    }

    @Test
    void problemsNameThePropertyTheTypeAndTheValue() {
        assertEquals(List.of(), TwinValueTypes.problems(Map.of("t", "20", "s", "x"), Map.of("t", "int")),
                "a property the model does not type is a string");
        List<String> problems = TwinValueTypes.problems(Map.of("t", "warm"), Map.of("t", "int", "u", "complex"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.contains("property u has type \"complex\", which is not one of "
                + TwinValueTypes.KNOWN), problems.toString());
        assertTrue(problems.contains("desired value \"warm\" of property t is not a valid int"), problems.toString());
    }
}
