package it.org.kubeedgej.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The real kubectl against a test cluster's kubeconfig: what it printed and how it exited. */
public final class Kubectl {

    private final Path kubeconfig;

    public Kubectl(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** What kubectl printed and how it exited. */
    public record Ran(int exit, String text) {
    }

    public ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /**
     * Runs kubectl on a terminal of its own, as a user at a shell would ({@code -it} needs its stdin to be one):
     * util-linux's {@code script} gives it a pseudo-terminal. Its output is the terminal's, with CR LF line ends.
     */
    public Ran runInTerminal(String... args) throws IOException, InterruptedException {
        StringBuilder line = new StringBuilder("kubectl --kubeconfig ").append(quoted(kubeconfig.toString()));
        for (String arg : args) {
            line.append(' ').append(quoted(arg));
        }
        Process process = new ProcessBuilder("script", "-qec", line.toString(), "/dev/null").redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        return finish(process, "kubectl " + String.join(" ", args) + " on a terminal");
    }

    /** Reads all the process prints while waiting (bounded, 60 s) for it to end. */
    private static Ran finish(Process process, String what) throws InterruptedException {
        CompletableFuture<byte[]> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(what + " did not finish within 60 s");
        }
        return new Ran(process.exitValue(), new String(reading.join(), StandardCharsets.UTF_8));
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** @param withErrors whether stderr is part of the text (else it is dropped) */
    public Ran run(boolean withErrors, String... args) throws IOException, InterruptedException {
        return run(null, withErrors, args);
    }

    /** @param stdin what kubectl reads on its standard input, then end of file; null for none */
    public Ran run(byte[] stdin, boolean withErrors, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = command(args);
        Process process = (withErrors ? builder.redirectErrorStream(true)
                : builder.redirectError(ProcessBuilder.Redirect.DISCARD)).start();
        CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // kubectl did not read it all; the assertions on its output tell
            }
        });
        Ran ran = finish(process, "kubectl " + String.join(" ", args));
        feeding.cancel(true);
        return ran;
    }

    /** Runs it and asserts it succeeded; @return its standard output */
    public String ok(String... args) throws IOException, InterruptedException {
        Ran ran = run(false, args);
        assertEquals(0, ran.exit(), "kubectl " + String.join(" ", args) + " failed: " + ran.text());
        return ran.text();
    }

    /** @return standard output and error together, whatever the exit */
    public String withErrors(String... args) throws IOException, InterruptedException {
        return run(true, args).text();
    }

    /** Runs it and asserts it failed; @return standard output and error together */
    public String failing(String... args) throws IOException, InterruptedException {
        Ran ran = run(true, args);
        assertTrue(ran.exit() != 0, "kubectl " + String.join(" ", args) + " should have failed");
        return ran.text();
    }
}
