package org.kubeedgej.edge.edged;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two places edged reads what a process in a container printed: an exec probe's command (exit code and
 * output, within a timeout) and the init's last words when a container's command could not be executed.
 */
final class DockerExec {

    private final DockerClient docker;

    DockerExec(DockerClient docker) {
        this.docker = docker;
    }

    /** @see ContainerRuntime#exec */
    ExecResult run(String containerId, List<String> command, Duration timeout) {
        String execId;
        try {
            execId = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
        } catch (DockerException e) {
            // Not running (409) or gone (404): the probe fails with Docker's words.
            return new ExecResult(-1, DockerJavaRuntime.engineMessage(e), false);
        }
        FrameCollector output = new FrameCollector();
        try (FrameCollector stream = docker.execStartCmd(execId).exec(output)) {
            if (!stream.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // Docker cannot cancel an exec; closing the stream frees the connection, the command runs on.
                return ExecResult.timeout(output.text());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExecResult.timeout(output.text());
        } catch (IOException | DockerException e) {
            return new ExecResult(-1, e.getMessage(), false);
        }
        return new ExecResult(exitCode(execId), output.text(), false);
    }

    /** The exec's stream ends as its process does; Docker may record the exit code a moment later. */
    int exitCode(String execId) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Long code;
            try {
                code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
            } catch (DockerException e) {
                return -1;
            }
            if (code != null) {
                return code.intValue();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return -1;
    }

    /** @return the init's "exec ... failed" line from the container's stderr, without its prefix, or "" */
    String initFailure(String containerId) {
        FrameCollector log = new FrameCollector();
        try (FrameCollector stream = docker.logContainerCmd(containerId).withStdErr(true).withStdOut(false)
                .withTail(5).exec(log)) {
            stream.awaitCompletion(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | DockerException e) {
            return "";
        }
        return log.text().lines().filter(l -> l.startsWith("[FATAL tini"))
                .map(l -> l.replaceFirst("^\\[FATAL tini[^\\]]*\\] *", "")).findFirst().orElse("");
    }
}
