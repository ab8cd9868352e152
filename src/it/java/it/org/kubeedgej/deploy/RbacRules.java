package it.org.kubeedgej.deploy;

import io.kubernetes.client.openapi.models.V1PolicyRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * RBAC rules as a table a test can compare: {@code group/resource} (just {@code resource} in the core group),
 * followed by {@code [name,...]} when the rule names objects, to its verbs; and as {@code resource:verb} pairs, the
 * form {@link CloudCoreApiCalls} reads from the code.
 */
final class RbacRules {

    private RbacRules() {
        throw new AssertionError();
    }

    /**
     * @param rules a Role's or ClusterRole's rules
     * @return each group/resource (with its names) to its verbs, rules for the same key merged
     */
    static Map<String, Set<String>> table(List<V1PolicyRule> rules) {
        Map<String, Set<String>> table = new TreeMap<>();
        for (V1PolicyRule rule : rules) {
            List<String> names = Optional.ofNullable(rule.getResourceNames()).orElse(List.of());
            String suffix = names.isEmpty() ? "" : new TreeSet<>(names).toString().replace(" ", "");
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    String key = (group.isEmpty() ? "" : group + "/") + resource + suffix;
                    table.computeIfAbsent(key, k -> new TreeSet<>()).addAll(rule.getVerbs());
                }
            }
        }
        return table;
    }

    /**
     * @param table a table from {@link #table}
     * @return its {@code resource:verb} pairs, without groups and names
     */
    static Set<String> pairs(Map<String, Set<String>> table) {
        Set<String> pairs = new TreeSet<>();
        table.forEach((key, verbs) -> {
            String resource = key.replaceAll("\\[.*]$", "").replaceFirst("^[^/]*\\.[^/]*/", "");
            verbs.forEach(verb -> pairs.add(resource + ":" + verb));
        });
        return pairs;
    }
}
