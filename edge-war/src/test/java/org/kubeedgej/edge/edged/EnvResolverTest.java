package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class EnvResolverTest {

    private final MapConfigSources sources = new MapConfigSources()
            .put("configmap", "app", "{\"data\":{\"mode\":\"edge\",\"level\":\"debug\"}}")
            .put("configmap", "odd", "{\"data\":{\"1st\":\"x\",\"dotted.name\":\"y\"}}")
            .put("secret", "db", "{\"data\":{\"password\":\"cEBzcw==\"}}");
    private final EnvResolver underTest = new EnvResolver(sources);

    @Test
    void everyKindOfSourceIsResolvedInTheKubeletsOrder() throws ContainerConfigException {
        Map<String, String> env = underTest.resolve(pod(false), container("""
                {"name":"c","envFrom":[{"configMapRef":{"name":"app"},"prefix":"APP_"},{"configMapRef":{"name":"odd"}}],
                 "env":[{"name":"APP_MODE","value":"override"},
                  {"name":"GREETING","value":"hi $(APP_LEVEL) $$(literal) $(UNKNOWN)"},
                  {"name":"MODE","valueFrom":{"configMapKeyRef":{"name":"app","key":"mode"}}},
                  {"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}},
                  {"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
                  {"name":"NS","valueFrom":{"fieldRef":{"fieldPath":"metadata.namespace"}}},
                  {"name":"UID","valueFrom":{"fieldRef":{"fieldPath":"metadata.uid"}}},
                  {"name":"TIER","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['tier']"}}},
                  {"name":"HOST_IP","valueFrom":{"fieldRef":{"fieldPath":"status.hostIP"}}},
                  {"name":"POD_IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}}]}"""));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("APP_mode", "edge");
        expected.put("APP_level", "debug");
        expected.put("dotted.name", "y");
        expected.put("APP_MODE", "override");
        expected.put("GREETING", "hi $(APP_LEVEL) $(literal) $(UNKNOWN)");
        expected.put("MODE", "edge");
        expected.put("PASSWORD", "p@ss");
        expected.put("POD", "web");
        expected.put("NS", "default");
        expected.put("UID", "uid-1");
        expected.put("TIER", "edge");
        expected.put("HOST_IP", "127.0.0.1");
        expected.put("POD_IP", "");
        assertEquals(expected, env, "1st is not a valid variable name and is skipped");
        assertEquals("a-debug", EnvResolver.expand("a-$(L)", Map.of("L", "debug")));
    }

    @Test
    void missingObjectOrKeyFailsWithTheKubeletsMessageUnlessOptional() throws ContainerConfigException {
        assertEquals("configmap \"nope\" not found", assertThrows(ContainerConfigException.class, () ->
                underTest.resolve(pod(false), container("{\"env\":[{\"name\":\"A\",\"valueFrom\":"
                        + "{\"configMapKeyRef\":{\"name\":\"nope\",\"key\":\"k\"}}}]}"))).getMessage());
        assertEquals("secret \"nope\" not found", assertThrows(ContainerConfigException.class, () ->
                underTest.resolve(pod(false), container("{\"envFrom\":[{\"secretRef\":{\"name\":\"nope\"}}]}")))
                .getMessage());
        assertEquals("couldn't find key missing in ConfigMap default/app", assertThrows(
                ContainerConfigException.class, () -> underTest.resolve(pod(false), container("{\"env\":[{\"name\":"
                        + "\"A\",\"valueFrom\":{\"configMapKeyRef\":{\"name\":\"app\",\"key\":\"missing\"}}}]}")))
                .getMessage());

        Map<String, String> env = underTest.resolve(pod(true), container("""
                {"envFrom":[{"configMapRef":{"name":"nope","optional":true}}],
                 "env":[{"name":"A","valueFrom":{"secretKeyRef":{"name":"nope","key":"k","optional":true}}},
                  {"name":"B","valueFrom":{"configMapKeyRef":{"name":"app","key":"missing","optional":true}}},
                  {"name":"POD_IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}}]}"""));
        assertEquals(Map.of("POD_IP", "127.0.0.1"), env, "optional ones are left out; hostNetwork pods have 127.0.0.1");
    }

    @Test
    void unsupportedFieldPathIsAClearError() {
        ContainerConfigException e = assertThrows(ContainerConfigException.class, () -> underTest.resolve(pod(false),
                container("{\"env\":[{\"name\":\"A\",\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"spec.nope\"}}}]}")));
        assertEquals(true, e.getMessage().startsWith("fieldRef \"spec.nope\" is not supported"), e.getMessage());
    }

    static PodDefinition pod(boolean hostNetwork) {
        JsonObject json = json("{\"metadata\":{\"name\":\"web\",\"namespace\":\"default\",\"uid\":\"uid-1\","
                + "\"labels\":{\"tier\":\"edge\"}},\"spec\":{\"hostNetwork\":" + hostNetwork + ",\"containers\":[]}}");
        return PodSpecReader.read(json, "default");
    }

    private static JsonObject container(String text) {
        return json(text);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
