package org.kubeedgej.cloud.edgecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class PodConfigReferencesTest {

    @Test
    void everyKindOfReferenceIsFound() {
        V1Pod pod = JSON.deserialize("""
                {"metadata":{"name":"p","namespace":"ns1","uid":"u1"},"spec":{"nodeName":"n1",
                 "volumes":[{"name":"a","configMap":{"name":"cm-vol"}},{"name":"b","secret":{"secretName":"s-vol"}},
                  {"name":"c","projected":{"sources":[{"configMap":{"name":"cm-proj"}},{"secret":{"name":"s-proj"}},
                   {"downwardAPI":{}}]}},{"name":"d","emptyDir":{}}],
                 "initContainers":[{"name":"i","image":"x","envFrom":[{"configMapRef":{"name":"cm-init"}}]}],
                 "containers":[{"name":"m","image":"x",
                  "env":[{"name":"A","value":"1"},
                   {"name":"B","valueFrom":{"configMapKeyRef":{"name":"cm-env","key":"k"}}},
                   {"name":"C","valueFrom":{"secretKeyRef":{"name":"s-env","key":"k","optional":true}}},
                   {"name":"D","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
                  "envFrom":[{"secretRef":{"name":"s-from"},"prefix":"S_"}]}],
                 "imagePullSecrets":[{"name":"pull"}]}}""", V1Pod.class);

        Set<ConfigSourceRef> underTest = PodConfigReferences.of(pod);

        assertEquals(Set.of(ConfigSourceRef.configMap("ns1", "cm-vol"), ConfigSourceRef.secret("ns1", "s-vol"),
                ConfigSourceRef.configMap("ns1", "cm-proj"), ConfigSourceRef.secret("ns1", "s-proj"),
                ConfigSourceRef.configMap("ns1", "cm-init"), ConfigSourceRef.configMap("ns1", "cm-env"),
                ConfigSourceRef.secret("ns1", "s-env"), ConfigSourceRef.secret("ns1", "s-from"),
                ConfigSourceRef.secret("ns1", "pull")), underTest);
    }

    @Test
    void podWithoutSpecReferencesNothing() {
        assertTrue(PodConfigReferences.of(JSON.deserialize("{\"metadata\":{\"name\":\"p\"}}", V1Pod.class))
                .isEmpty());
    }
}
