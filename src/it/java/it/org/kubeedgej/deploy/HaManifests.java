package it.org.kubeedgej.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1PodAffinityTerm;
import io.kubernetes.client.openapi.models.V1PodAntiAffinity;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.util.List;
import java.util.Map;

/** Reads and checks of deploy/ha's objects that several tests share: the broker's arguments, selectors, affinity. */
final class HaManifests {

    private static final String NODE = "kubernetes.io/hostname";

    private HaManifests() {
        throw new AssertionError();
    }

    /** @return the broker container of one half of the pair */
    static V1Container brokerContainer(V1StatefulSet half) {
        return half.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("broker")).findFirst()
                .orElseThrow(() -> new AssertionError(half.getMetadata().getName() + " has no container broker"));
    }

    /** @return the value of {@code --key=value} among the container's arguments */
    static String arg(V1Container container, String key) {
        return container.getArgs().stream().filter(a -> a.startsWith(key + "=")).findFirst()
                .map(a -> a.substring(key.length() + 1))
                .orElseThrow(() -> new AssertionError(container.getName() + " has no argument " + key));
    }

    /** A selector (Service, budget, affinity term) picks the template's pods: its labels include the selector's. */
    static void assertSelects(Map<String, String> selector, V1PodTemplateSpec template) {
        assertNotNull(selector, "a selector");
        assertFalse(selector.isEmpty(), "an empty selector picks every pod");
        assertTrue(template.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()),
                selector + " does not select pods labelled " + template.getMetadata().getLabels());
    }

    /**
     * The template's pods are scheduled on no node that already runs a pod of any of {@code apart}: a required
     * anti-affinity term per node whose selector picks them all.
     */
    static void assertApartOnNodes(V1PodTemplateSpec template, List<V1PodTemplateSpec> apart) {
        V1PodAntiAffinity anti = template.getSpec().getAffinity() == null ? null
                : template.getSpec().getAffinity().getPodAntiAffinity();
        assertNotNull(anti, "pod anti-affinity for " + template.getMetadata().getLabels());
        List<V1PodAffinityTerm> terms = anti.getRequiredDuringSchedulingIgnoredDuringExecution();
        assertNotNull(terms, "required (not preferred) anti-affinity: two on one node is one failure away from none");
        V1PodAffinityTerm term = terms.stream().filter(t -> NODE.equals(t.getTopologyKey())).findFirst()
                .orElseThrow(() -> new AssertionError("no anti-affinity term per node (" + NODE + "): " + terms));
        for (V1PodTemplateSpec other : apart) {
            assertSelects(term.getLabelSelector().getMatchLabels(), other);
        }
    }
}
