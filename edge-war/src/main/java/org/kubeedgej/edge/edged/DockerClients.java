package org.kubeedgej.edge.edged;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/** docker-java clients for one engine, each with its own connection pool and answer timeout. */
final class DockerClients {

    private DockerClients() {
        throw new AssertionError();
    }

    /**
     * @param maxConnections the client's pool: a call that streams holds one for as long as it runs
     * @param answerTimeout how long a call may wait for the engine's next bytes
     */
    static DockerClient create(String dockerHost, int maxConnections, Duration answerTimeout) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(answerTimeout)
                .build());
    }
}
