package org.kubeedgej.shared.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A KubeEdge config file ({@code cloudcore.yaml}, {@code edgecore.yaml}) as MicroProfile Config properties: nested
 * keys are joined with dots ({@code modules: {cloudHub: {nodeLimit: 10}}} is {@code modules.cloudHub.nodeLimit=10})
 * and lists of scalars become comma-separated values, as MicroProfile Config reads arrays. Its ordinal, 250, puts it
 * above {@code microprofile-config.properties} (100) and below environment variables (300) and system properties
 * (400), so {@code MODULES_CLOUDHUB_NODELIMIT=20} still wins over the file.
 *
 * <p>The file is named by the environment variable or system property {@code KUBEEDGE_CONFIG}, else the
 * component's KubeEdge default path is read when it exists. A file that cannot be read or parsed stops the
 * server's start with the reason: running on defaults the operator did not choose would be worse.
 */
public abstract class KubeEdgeYamlConfigSource implements ConfigSource {

    /** Environment variable or system property naming the file. */
    public static final String FILE_VARIABLE = "KUBEEDGE_CONFIG";
    static final int ORDINAL = 250;
    /** A config file is small; this bounds what a wrong path (a log, a device) can cost. */
    static final long MAX_FILE_BYTES = 1 << 20;
    private static final Logger LOG = Logger.getLogger(KubeEdgeYamlConfigSource.class.getName());

    private final String name;
    private final Map<String, String> properties;

    /**
     * @param defaultPath KubeEdge's path for the component's file, read when {@code KUBEEDGE_CONFIG} is unset
     */
    protected KubeEdgeYamlConfigSource(Path defaultPath) {
        this(defaultPath, name -> Optional.ofNullable(System.getProperty(name)).orElse(System.getenv(name)));
    }

    KubeEdgeYamlConfigSource(Path defaultPath, Function<String, String> variables) {
        String named = variables.apply(FILE_VARIABLE);
        Path file = named == null || named.isBlank() ? defaultPath : Path.of(named);
        boolean required = named != null && !named.isBlank();
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new IllegalStateException(FILE_VARIABLE + "=" + named + " does not name a readable file;"
                        + " point it at a KubeEdge cloudcore.yaml/edgecore.yaml or unset it");
            }
            this.name = "KubeEdge config (none at " + file + ")";
            this.properties = Map.of();
            return;
        }
        this.name = "KubeEdge config " + file;
        this.properties = Collections.unmodifiableMap(read(file));
        LOG.info(() -> "read " + properties.size() + " settings from KubeEdge config file " + file
                + " (environment variables override them)");
    }

    static Map<String, String> read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalStateException("KubeEdge config file " + file + " is larger than "
                        + MAX_FILE_BYTES + " bytes; is it the right file?");
            }
            try (Reader reader = Files.newBufferedReader(file)) {
                return flatten(parse(reader, file));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read KubeEdge config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Object parse(Reader reader, Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(50);
        try {
            return new Yaml(new SafeConstructor(options)).load(reader);
        } catch (YAMLException e) {
            throw new IllegalStateException("KubeEdge config file " + file + " is not valid YAML: "
                    + e.getMessage(), e);
        }
    }

    static Map<String, String> flatten(Object document) {
        Map<String, String> out = new TreeMap<>();
        if (document instanceof Map<?, ?> map) {
            flatten("", map, out);
        } else if (document != null) {
            throw new IllegalStateException("a KubeEdge config file holds a mapping at its top level (apiVersion,"
                    + " kind, modules, ...), not a " + document.getClass().getSimpleName());
        }
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        map.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(path + ".", nested, out);
            } else if (value instanceof List<?> list) {
                if (list.stream().allMatch(v -> v == null || !(v instanceof Map || v instanceof List))) {
                    out.put(path, String.join(",", list.stream().map(v -> v == null ? "" : escape(v)).toList()));
                }
            } else if (value != null) {
                out.put(path, value.toString());
            }
        });
    }

    /** MicroProfile Config splits arrays on unescaped commas. */
    private static String escape(Object value) {
        return value.toString().replace(",", "\\,");
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
