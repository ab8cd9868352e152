package org.kubeedgej.edge.edged;

/**
 * What a command run inside a container ({@link ContainerRuntime#exec}) ended with. An exec probe passes on exit
 * code 0; its output goes into the failure message, as the kubelet puts it into its event.
 *
 * @param exitCode the command's exit code, -1 when it did not finish or could not run
 * @param output stdout and stderr, cut to a few KiB
 * @param timedOut the command was still running when the timeout passed (the kubelet counts that as a failure)
 */
record ExecResult(int exitCode, String output, boolean timedOut) {

    static ExecResult timeout(String output) {
        return new ExecResult(-1, output, true);
    }
}
