package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class QuantityParserTest {

    @Test
    void binaryAndDecimalMemorySuffixes() {
        assertEquals(64L * 1024 * 1024, QuantityParser.bytes("64Mi"));
        assertEquals(1024L, QuantityParser.bytes("1Ki"));
        assertEquals(2L << 30, QuantityParser.bytes("2Gi"));
        assertEquals(1_000_000_000L, QuantityParser.bytes("1G"));
        assertEquals(128_000_000L, QuantityParser.bytes("128M"));
        assertEquals(1000L, QuantityParser.bytes("1e3"));
        assertEquals(12345L, QuantityParser.bytes("12345"));
        assertEquals(1536L * 1024 * 1024, QuantityParser.bytes("1.5Gi"));
    }

    @Test
    void cpuInNanoCpus() {
        assertEquals(500_000_000L, QuantityParser.nanoCpus("500m"));
        assertEquals(2_000_000_000L, QuantityParser.nanoCpus("2"));
        assertEquals(250_000_000L, QuantityParser.nanoCpus("0.25"));
        assertEquals(1L, QuantityParser.nanoCpus("1n"));
    }

    @Test
    void fractionalBytesRoundUp() {
        assertEquals(1L, QuantityParser.bytes("100m"));
    }

    @Test
    void rejectGarbageNamingTheQuantity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuantityParser.bytes("64MB"));
        assertTrue(e.getMessage().contains("64MB"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QuantityParser.bytes(""));
        assertThrows(IllegalArgumentException.class, () -> QuantityParser.nanoCpus("Mi"));
    }
}
