package it.org.kubeedgej.badinput;

import org.junit.jupiter.api.function.Executable;

/**
 * One kind of bad input: what it is called in the report, and the step that sends it and asserts the answer.
 *
 * @param name the input and the expected answer, e.g. "node id not DNS-1123 -> 400"
 * @param run sends the input and asserts the answer
 */
record BadCase(String name, Executable run) {

    static BadCase of(String name, Executable run) {
        return new BadCase(name, run);
    }
}
