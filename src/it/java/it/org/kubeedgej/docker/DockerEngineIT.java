package it.org.kubeedgej.docker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Version;
import it.org.kubeedgej.support.TestDocker;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Docker engine that bin/kubeedge-j test starts for Edged (DOCKER_HOST, a private socket) answers
 * docker-java, and holds the locally built busybox image that pods use.
 */
class DockerEngineIT {

    private static DockerClient docker;

    @BeforeAll
    static void connect() {
        String host = System.getenv("DOCKER_HOST");
        assertNotNull(host, "DOCKER_HOST is not set: run the tests through bin/kubeedge-j test, which starts "
                + "dockerd on a private socket");
        docker = TestDocker.client(host);
    }

    @AfterAll
    static void disconnect() throws IOException {
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void pingAnswers() {
        assertDoesNotThrow(() -> docker.pingCmd().exec());
        Version version = docker.versionCmd().exec();
        assertNotNull(version.getApiVersion());
    }

    @Test
    void busyboxImageIsThere() {
        List<Image> images = docker.listImagesCmd().withReferenceFilter("busybox").exec();
        assertFalse(images.isEmpty(), "no busybox image: bin/lib/docker-engine.sh image should have built it");
    }
}
