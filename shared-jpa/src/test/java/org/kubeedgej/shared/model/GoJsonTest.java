package org.kubeedgej.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

public final class GoJsonTest {

    @Test
    void writeStringEscapesLikeGo() {
        final StringBuilder underTest = new StringBuilder();

        GoJson.writeString(underTest, "a\"b\\c/d<e>f&g\b\f\n\r\t\u0001\u001f\u007f\u2028\u2029é😀");

        assertEquals("\"a\\\"b\\\\c/d\\u003ce\\u003ef\\u0026g\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\\u2028\\u2029é😀\"",
                underTest.toString());
    }

    @Test
    void writeStringReplacesLoneSurrogates() {
        final StringBuilder underTest = new StringBuilder();

        GoJson.writeString(underTest, "x\ud800y");

        assertEquals("\"x\\ufffdy\"", underTest.toString());
    }

    @ParameterizedTest
    @CsvSource({"0,0", "-7,-7", "9223372036854775807,9223372036854775807", "123456789012345678901234,"
            + "123456789012345678901234", "1.5,1.5", "1.50,1.5", "1.0,1", "1e3,1000", "0.000001,0.000001",
            "0.0000001,1e-7", "-1.5e-7,-1.5e-7", "1e21,1e+21", "1.25e22,1.25e+22", "100000000000000000000.5,"
            + "100000000000000000000.5"})
    void writeNumberFormatsLikeGo(final String input, final String expected) {
        final StringBuilder underTest = new StringBuilder();

        GoJson.writeValue(underTest, Json.createReader(new StringReader("[" + input + "]")).readArray().get(0));

        assertEquals(expected, underTest.toString());
    }

    @Test
    void writeValueKeepsKeyOrderAndIsCompact() {
        final JsonValue value = Json.createReader(new StringReader(
                "{ \"z\" : [ 1 , true , false , null , { } , [ ] ] , \"a\" : \"x\" }")).readValue();
        final StringBuilder underTest = new StringBuilder();

        GoJson.writeValue(underTest, value);

        assertEquals("{\"z\":[1,true,false,null,{},[]],\"a\":\"x\"}", underTest.toString());
    }
}
