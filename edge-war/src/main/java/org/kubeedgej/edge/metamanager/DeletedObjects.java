package org.kubeedgej.edge.metamanager;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;

/**
 * The UIDs of objects this edge deleted, kept in the meta table (type {@value #TYPE}) so they outlive a restart.
 * A UID is never reused, so an insert or update for one is a message the cloud sent again after the delete (its ack
 * was lost when edgecore or cloudcore went down) and must not bring the object back: without this, a pod was
 * created, deleted and created again across a kill -9. At most {@value #LIMIT} are kept; the oldest go first.
 */
final class DeletedObjects {

    static final String TYPE = "tombstone";
    static final int LIMIT = 4096;

    private final MetaRepository repository;
    private final Clock clock;
    private final int limit;
    /** Rows of this type, read once and then counted, so a delete does not read the whole table. */
    private int count = -1;

    DeletedObjects(MetaRepository repository, Clock clock) {
        this(repository, clock, LIMIT);
    }

    DeletedObjects(MetaRepository repository, Clock clock, int limit) {
        this.repository = repository;
        this.clock = clock;
        this.limit = limit;
    }

    synchronized void remember(String uid, String key) {
        if (count < 0) {
            count = repository.findByType(TYPE).size();
        }
        repository.save(TYPE + "/" + uid, TYPE, Json.createObjectBuilder().add("key", key)
                .add("deletedAt", clock.millis()).build().toString());
        if (++count > limit) {
            // A quarter at a time, so the table is read in full once per limit/4 deletes, not on each.
            Map<String, String> all = repository.findByType(TYPE);
            all.entrySet().stream().sorted(Comparator.comparingLong(e -> deletedAt(e.getValue())))
                    .limit(all.size() - limit * 3L / 4).forEach(e -> repository.delete(e.getKey()));
            count = repository.findByType(TYPE).size();
        }
    }

    boolean wasDeleted(String uid) {
        return !uid.isEmpty() && repository.find(TYPE + "/" + uid).isPresent();
    }

    private static long deletedAt(String value) {
        try (JsonReader reader = Json.createReader(new StringReader(value))) {
            JsonObject row = reader.readObject();
            return row.getJsonNumber("deletedAt").longValue();
        } catch (RuntimeException unreadable) {
            return 0;
        }
    }
}
