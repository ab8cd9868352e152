package org.kubeedgej.cloud.leaderelection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kubeedgej.cloud.events.SynchronousEvent;

/** A {@link ControllerLeadership} without the container, for the controllers' unit tests. */
public final class TestLeadership {

    private TestLeadership() {
    }

    /** @return a leadership of replica "test-replica" that does not lead yet; its changes go to {@code changes} */
    public static ControllerLeadership following(List<LeadershipChanged> changes) {
        LeaderElectionSettings settings = new LeaderElectionSettings();
        settings.identity = Optional.of("test-replica");
        settings.namespace = "kubeedge";
        settings.name = "cloudcore-controllers";
        ControllerLeadership leadership = new ControllerLeadership();
        leadership.settings = settings;
        leadership.changes = new SynchronousEvent<>(changes::add);
        return leadership;
    }

    /** @return a leadership that leads (a single CloudCore) */
    public static ControllerLeadership leading() {
        ControllerLeadership leadership = following(new ArrayList<>());
        lead(leadership);
        return leadership;
    }

    /** @param leadership starts leading */
    public static void lead(ControllerLeadership leadership) {
        leadership.started();
    }

    /** @param leadership stops leading */
    public static void lose(ControllerLeadership leadership) {
        leadership.stopped("test");
    }
}
