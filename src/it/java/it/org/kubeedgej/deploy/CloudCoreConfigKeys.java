package it.org.kubeedgej.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The MicroProfile Config keys CloudCore reads, and the keys a cloudcore.yaml sets, so a misspelt key in
 * deploy/base/cloudcore.yaml (silently ignored by CloudCore, as KubeEdge's keys it does not use are) fails a test.
 */
final class CloudCoreConfigKeys {

    private static final Pattern PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");

    private CloudCoreConfigKeys() {
        throw new AssertionError();
    }

    /**
     * @param root the repository
     * @return every {@code @ConfigProperty} name in CloudCore's sources
     */
    static Set<String> read(Path root) {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root.resolve("cloud-ear"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/")).toList()) {
                Matcher m = PROPERTY.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /**
     * @param document a parsed cloudcore.yaml
     * @return its keys as CloudCore's config source names them: nested mappings joined with dots, a list of scalars
     *         one key
     */
    static Set<String> flatten(Map<?, ?> document) {
        Set<String> keys = new TreeSet<>();
        flatten("", document, keys);
        return keys;
    }

    private static void flatten(String prefix, Map<?, ?> map, Set<String> keys) {
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                flatten(prefix + key + ".", nested, keys);
            } else if (value != null && !(value instanceof List<?> list && list.stream().anyMatch(
                    v -> v instanceof Map || v instanceof List))) {
                keys.add(prefix + key);
            }
        });
    }
}
