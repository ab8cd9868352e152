package it.org.kubeedgej.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/** The test Docker engine (the private dockerd bin/kubeedge-j test starts), seen through docker-java. */
public final class TestDocker {

    private TestDocker() {
        throw new AssertionError();
    }

    /** @param dockerHost the engine, e.g. {@code unix:///.../docker.sock} @return a client for it */
    public static DockerClient client(String dockerHost) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        return DockerClientImpl.getInstance(config,
                new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
    }
}
