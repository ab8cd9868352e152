package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void namesDockerTakes() {
        for (String image : new String[] {"busybox", "busybox:latest", "library/busybox:1.36",
                "registry.example.com:5000/team/app:v1.2-rc_3", "localhost/a/b/c",
                "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "a__b", "a--b.c"}) {
            assertEquals(Optional.empty(), ImageReference.problem(image), image);
        }
    }

    @Test
    void namesDockerRefusesAreTheKubeletsInvalidImageName() {
        for (String image : new String[] {"BusyBox", "busy box", "busybox:", ":latest", "busybox::1", "a/", "/a",
                "nginx@sha256:short", "é", "a".repeat(300), ""}) {
            Optional<String> problem = ImageReference.problem(image);
            assertTrue(problem.isPresent(), image);
        }
        assertTrue(ImageReference.problem("Bad:Image").orElseThrow().contains("invalid reference format"));
    }
}
