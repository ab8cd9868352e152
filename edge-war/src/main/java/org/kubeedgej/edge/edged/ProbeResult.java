package org.kubeedgej.edge.edged;

/**
 * One probe attempt's answer, with the words a log line or event needs to say why it failed.
 *
 * @param outcome SUCCESS or FAILURE (UNKNOWN only stands for "nothing decided yet")
 * @param message why it failed (the command's output, the HTTP status, the connect error), or null
 */
record ProbeResult(Outcome outcome, String message) {

    enum Outcome { SUCCESS, FAILURE, UNKNOWN }

    static final ProbeResult SUCCESS = new ProbeResult(Outcome.SUCCESS, null);

    static ProbeResult failure(String message) {
        return new ProbeResult(Outcome.FAILURE, message);
    }

    boolean success() {
        return outcome == Outcome.SUCCESS;
    }
}
