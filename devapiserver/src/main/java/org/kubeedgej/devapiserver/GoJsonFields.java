package org.kubeedgej.devapiserver;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the .proto descriptors do not say about Kubernetes' Go types and encoding/json needs: which embedded fields
 * are inline, and which scalars keep a zero value (pointers, and fields without omitempty). Read from
 * go-json-fields.txt, generated from the Go sources by src/build/go-json-fields.py.
 */
final class GoJsonFields {
    /** How a field is marked in the table. */
    enum Mark { INLINE, POINTER, REQUIRED }

    static final GoJsonFields KUBERNETES = load("go-json-fields.txt");

    private final Map<String, Mark> marks;

    private GoJsonFields(Map<String, Mark> marks) {
        this.marks = Map.copyOf(marks);
    }

    private static GoJsonFields load(String resource) {
        Map<String, Mark> marks = new HashMap<>();
        try (InputStream in = Objects.requireNonNull(GoJsonFields.class.getResourceAsStream(resource), resource);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 3 && !parts[0].startsWith("#")) {
                    marks.put(parts[0] + " " + parts[1], Mark.valueOf(parts[2].toUpperCase(Locale.ROOT)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return new GoJsonFields(marks);
    }

    /** Every marked field as "message field" keys, for the test that checks the table against the descriptors. */
    Map<String, Mark> marks() {
        return marks;
    }

    boolean inline(FieldDescriptor field) {
        return marks.get(key(field)) == Mark.INLINE;
    }

    /** A zero value sent in this field stays in the JSON (encoding/json drops it only for omitempty non-pointers). */
    boolean keepsZero(FieldDescriptor field) {
        Mark mark = marks.get(key(field));
        return mark == Mark.POINTER || mark == Mark.REQUIRED;
    }

    private static String key(FieldDescriptor field) {
        return field.getContainingType().getFullName() + " " + field.getName();
    }
}
