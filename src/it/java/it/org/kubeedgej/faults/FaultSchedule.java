package it.org.kubeedgej.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random list of faults: which server(s) to kill -9, how long the system runs before (changes flowing)
 * and how long the server stays dead. The same seed gives the same schedule, so a failing run can be replayed.
 */
final class FaultSchedule {

    /** What one fault kills. */
    enum Target {
        CLOUDCORE, EDGECORE, BOTH
    }

    /**
     * One fault.
     *
     * @param target what is killed
     * @param runMillis how long changes flow before the kill
     * @param deadMillis how long the killed server(s) stay down before the restart
     */
    record Fault(Target target, long runMillis, long deadMillis) {
    }

    private FaultSchedule() {
        throw new AssertionError();
    }

    /**
     * @param random the seeded source
     * @param count how many faults
     * @return the faults, with each server killed at least a third of the time
     */
    static List<Fault> of(Random random, int count) {
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(10);
            Target target = roll < 4 ? Target.CLOUDCORE : roll < 8 ? Target.EDGECORE : Target.BOTH;
            faults.add(new Fault(target, 1000 + random.nextInt(3000), random.nextInt(2500)));
        }
        return faults;
    }
}
