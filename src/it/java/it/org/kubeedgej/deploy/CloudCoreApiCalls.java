package it.org.kubeedgej.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What CloudCore's code asks of the API server, read from its sources as {@code resource:verb} (e.g.
 * {@code pods/status:patch}), so the manifests' RBAC rules can be checked against it. A cheap reading, not a
 * parser: typed calls ({@code api.readNamespacedPod(}, {@code new CoreV1Api(client).patchNodeStatus(}), custom
 * object calls ({@code getNamespacedCustomObject(GROUP, version, ns, "devices", ...)}, plurals resolved through
 * {@code static final String} constants) and informers ({@code sharedIndexInformerFor(...)}: list and watch).
 */
final class CloudCoreApiCalls {

    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]*)\";");
    private static final Pattern TYPED = Pattern.compile(
            "(?:\\bapi|\\w+V\\d\\w*Api\\(client\\))\\s*\\.\\s*"
            + "(read|create|replace|patch|deleteCollection|delete|list)(Namespaced)?(\\w+?)(Status)?\\(");
    private static final Pattern CUSTOM = Pattern.compile(
            "\\b(get|create|replace|patch|delete|list)(Namespaced|Cluster)CustomObject(Status)?\\(");
    private static final Pattern INFORMER = Pattern.compile("sharedIndexInformerFor\\(");
    /** A typed API object; /version (VersionApi) and /apis (ApisApi) are open to every client, so not counted. */
    private static final Pattern API_OBJECT = Pattern.compile(
            "new (?!VersionApi|ApisApi)(\\w+V\\d\\w*Api|CustomObjectsApi)\\(");
    private static final Map<String, String> VERBS = Map.of("read", "get", "get", "get", "create", "create",
            "replace", "update", "patch", "patch", "delete", "delete", "deleteCollection", "deletecollection",
            "list", "list");

    private CloudCoreApiCalls() {
        throw new AssertionError();
    }

    /**
     * @param root the repository
     * @return each {@code resource:verb} the cloud code uses, with the classes that use it
     */
    static Map<String, TreeSet<String>> scan(Path root) {
        Map<String, String> sources = sources(root.resolve("cloud-ear"));
        Map<String, String> constants = new HashMap<>();
        sources.forEach((name, text) -> {
            Matcher m = CONSTANT.matcher(text);
            while (m.find()) {
                constants.put(name + "." + m.group(1), m.group(2));
            }
        });
        Map<String, TreeSet<String>> used = new TreeMap<>();
        sources.forEach((name, text) -> {
            int calls = 0;
            Matcher typed = TYPED.matcher(text);
            while (typed.find()) {
                String kind = typed.group(3).replace("ForAllNamespaces", "");
                if (kind.contains("CustomObject")) {
                    continue; // read below, with its plural
                }
                String resource = kind.toLowerCase() + "s" + (typed.group(4) != null ? "/status" : "");
                used.computeIfAbsent(resource + ":" + VERBS.get(typed.group(1)), k -> new TreeSet<>()).add(name);
                calls++;
            }
            Matcher custom = CUSTOM.matcher(text);
            while (custom.find()) {
                List<String> args = arguments(text, custom.end());
                String plural = resolve(args.get(custom.group(2).equals("Namespaced") ? 3 : 2), name, constants);
                String resource = plural + (custom.group(3) != null ? "/status" : "");
                used.computeIfAbsent(resource + ":" + VERBS.get(custom.group(1)), k -> new TreeSet<>()).add(name);
                calls++;
            }
            if (calls == 0 && API_OBJECT.matcher(text).find()) {
                throw new IllegalStateException(name + " makes an API object but no call this reading recognises"
                        + " (calls go through a variable named api, or straight on new CoreV1Api(client) and the"
                        + " like); teach CloudCoreApiCalls its calls so the RBAC check sees them");
            }
            Matcher informer = INFORMER.matcher(text);
            while (informer.find()) {
                String plural = informerPlural(arguments(text, informer.end()).get(0), name, constants);
                for (String verb : List.of("list", "watch")) {
                    used.computeIfAbsent(plural + ":" + verb, k -> new TreeSet<>()).add(name);
                }
            }
        });
        return used;
    }

    /** The last argument of the API expression that names a plural: {@code "pods"}, {@code NAMESPACED}. */
    private static String informerPlural(String apiExpression, String file, Map<String, String> constants) {
        int open = apiExpression.indexOf('(');
        String plural = null;
        for (String arg : arguments(apiExpression, open + 1)) {
            String value = resolve(arg, file, constants);
            if (value != null && value.matches("[a-z]+") && !value.matches("v\\d.*")) {
                plural = value;
            }
        }
        if (plural == null) {
            throw new IllegalStateException("cannot tell which resource the informer in " + file + " watches: "
                    + apiExpression);
        }
        return plural;
    }

    /** A string literal, or a constant of this class ({@code NAME}) or another ({@code Class.NAME}); else null. */
    private static String resolve(String arg, String file, Map<String, String> constants) {
        String a = arg.trim();
        if (a.startsWith("\"") && a.endsWith("\"")) {
            return a.substring(1, a.length() - 1);
        }
        return constants.getOrDefault(a.contains(".") ? a : file + "." + a, null);
    }

    /** The top-level, comma-separated arguments of a call whose opening parenthesis ends just before {@code from}. */
    private static List<String> arguments(String text, int from) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '<' && Character.isJavaIdentifierPart(text.charAt(i - 1))) {
                depth++;
            } else if ((c == ')' || c == '>' && text.charAt(i - 1) != '-') && depth > 0) {
                depth--;
            } else if (c == ')' || c == ',' && depth == 0) {
                args.add(text.substring(start, i).trim());
                start = i + 1;
                if (c == ')') {
                    return args;
                }
            }
        }
        throw new IllegalStateException("unbalanced call at offset " + from);
    }

    private static Map<String, String> sources(Path cloudEar) {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(cloudEar)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/")).toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                sources.put(name, Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }
}
