package org.kubeedgej.devapiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {
    private static String apply(String original, String patch) {
        return Json.string(StrategicMergePatch.apply(Json.parse(original), Json.parse(patch)));
    }

    @Test
    void mapsMergeAndNullDeletes() {
        assertEquals("{\"a\":{\"b\":1,\"c\":3}}", apply("{\"a\":{\"b\":1,\"d\":2}}", "{\"a\":{\"c\":3,\"d\":null}}"));
    }

    @Test
    void listsOfObjectsMergeByKeyAndHonourPatchDelete() {
        String original = "{\"c\":[{\"name\":\"x\",\"image\":\"1\"},{\"name\":\"y\",\"image\":\"2\"}]}";
        assertEquals("{\"c\":[{\"name\":\"x\",\"image\":\"3\"},{\"name\":\"z\"}]}", apply(original,
                "{\"$setElementOrder/c\":[{\"name\":\"x\"}],"
                        + "\"c\":[{\"name\":\"x\",\"image\":\"3\"},{\"name\":\"y\",\"$patch\":\"delete\"},{\"name\":\"z\"}]}"));
    }

    @Test
    void portsMergeByContainerPortAndPrimitiveListsAreReplaced() {
        assertEquals("{\"p\":[{\"containerPort\":80,\"name\":\"web\"},{\"containerPort\":443}],\"args\":[\"b\"]}",
                apply("{\"p\":[{\"containerPort\":80}],\"args\":[\"a\"]}",
                        "{\"p\":[{\"containerPort\":80,\"name\":\"web\"},{\"containerPort\":443}],\"args\":[\"b\"]}"));
    }

    @Test
    void patchReplaceAndRetainKeys() {
        assertEquals("{\"s\":{\"n\":1}}", apply("{\"s\":{\"m\":0,\"k\":2}}", "{\"s\":{\"$patch\":\"replace\",\"n\":1}}"));
        assertEquals("{\"s\":{\"type\":\"A\"}}",
                apply("{\"s\":{\"type\":\"B\",\"x\":1}}", "{\"s\":{\"$retainKeys\":[\"type\"],\"type\":\"A\"}}"));
        assertEquals("{\"f\":[\"a\"]}", apply("{\"f\":[\"a\",\"b\"]}", "{\"$deleteFromPrimitiveList/f\":[\"b\"]}"));
    }
}
