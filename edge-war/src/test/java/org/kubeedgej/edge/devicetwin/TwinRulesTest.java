package org.kubeedgej.edge.devicetwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TwinRulesTest {

    @Test
    void keysAreOneTo128OfKubeEdgesSigns() {
        assertTrue(TwinRules.validKey("a-Z_0.9,:/@#"));
        assertTrue(TwinRules.validKey("k".repeat(128)));
        assertFalse(TwinRules.validKey("k".repeat(129)));
        assertFalse(TwinRules.validKey(""));
        assertFalse(TwinRules.validKey("bad key!"));
        assertFalse(TwinRules.validKey("température"));
        assertFalse(TwinRules.validKey("a\n"), "the whole name, a line end included");
    }

    @Test
    void valuesAreEmptyOrUpTo512OfTheSameSigns() {
        assertTrue(TwinRules.validValue(""));
        assertTrue(TwinRules.validValue("-12.5e3"));
        assertTrue(TwinRules.validValue("v".repeat(512)));
        assertFalse(TwinRules.validValue("v".repeat(513)));
        assertFalse(TwinRules.validValue("1e+5"));
        assertFalse(TwinRules.validValue("two words"));
    }

    @Test
    void valuesAreCheckedAgainstTheTypeAsGoParsesThem() {
        assertEquals(Optional.empty(), TwinRules.typeError("int", "+42"));
        assertEquals(Optional.empty(), TwinRules.typeError("integer", "-9223372036854775808"));
        assertEquals(Optional.of("the value is not int or integer"), TwinRules.typeError("int", "9223372036854775808"));
        assertEquals(Optional.of("the value is not int or integer"), TwinRules.typeError("int", "1.0"));
        assertEquals(Optional.empty(), TwinRules.typeError("float", "1."));
        assertEquals(Optional.empty(), TwinRules.typeError("double", "-.5e-3"));
        assertEquals(Optional.of("the value is not float"), TwinRules.typeError("float", "1d"));
        assertEquals(Optional.empty(), TwinRules.typeError("boolean", "false"));
        assertEquals(Optional.of("the bool value must be true or false"), TwinRules.typeError("boolean", "True"));
        assertEquals(Optional.empty(), TwinRules.typeError("", "anything"));
        assertEquals(Optional.of(TwinRules.TYPE_NOT_ALLOWED), TwinRules.typeError("INT", "1"), "case counts");
        assertEquals(Optional.of(TwinRules.TYPE_NOT_ALLOWED), TwinRules.typeError(TwinRules.DELETED, "1"));
        assertFalse(TwinRules.knownType(TwinRules.DELETED));
    }
}
