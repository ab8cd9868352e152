package it.org.kubeedgej.faults;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every container Docker created for a pod in a time window, from Docker's event log rather than from the
 * containers still there (edged removes old attempts), so a pod applied twice shows as a second create.
 */
public final class ContainerCreations {

    private ContainerCreations() {
        throw new AssertionError();
    }

    /**
     * @param sinceEpochSecond the window's start
     * @return pod UID to the names of the containers created for it, in creation order
     */
    public static Map<String, List<String>> byPodUid(DockerClient docker, long sinceEpochSecond)
            throws InterruptedException {
        Map<String, List<String>> created = new HashMap<>();
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                Map<String, String> attributes = event.getActor() == null ? Map.of()
                        : event.getActor().getAttributes();
                String uid = attributes.get("io.kubeedgej.pod.uid");
                if (uid != null) {
                    synchronized (created) {
                        created.computeIfAbsent(uid, u -> new ArrayList<>()).add(attributes.get("name"));
                    }
                }
            }
        };
        long until = System.currentTimeMillis() / 1000 + 1;
        docker.eventsCmd().withSince(String.valueOf(sinceEpochSecond)).withUntil(String.valueOf(until))
                .withEventTypeFilter(EventType.CONTAINER).withEventFilter("create")
                .withLabelFilter("io.kubeedgej.pod.uid").exec(callback);
        if (!callback.awaitCompletion(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Docker's event log did not end within 30 s");
        }
        synchronized (created) {
            return Map.copyOf(created);
        }
    }
}
