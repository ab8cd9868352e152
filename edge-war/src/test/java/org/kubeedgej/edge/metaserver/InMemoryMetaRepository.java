package org.kubeedgej.edge.metaserver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.kubeedgej.edge.metamanager.MetaRepository;

/** MetaManager's meta table in memory, for tests. */
final class InMemoryMetaRepository implements MetaRepository {

    private record Row(String type, String value) {}

    private final Map<String, Row> rows = new ConcurrentSkipListMap<>();
    private volatile boolean broken;

    @Override
    public void save(String key, String type, String value) {
        check();
        rows.put(key, new Row(type, value));
    }

    @Override
    public boolean delete(String key) {
        check();
        return rows.remove(key) != null;
    }

    @Override
    public Optional<String> find(String key) {
        check();
        return Optional.ofNullable(rows.get(key)).map(Row::value);
    }

    @Override
    public Map<String, String> findByType(String type) {
        check();
        Map<String, String> found = new LinkedHashMap<>();
        rows.forEach((key, row) -> {
            if (row.type().equals(type)) {
                found.put(key, row.value());
            }
        });
        return found;
    }

    /** Makes every call fail as JdbcMetaRepository does when Derby is unreachable. */
    void breakDown() {
        broken = true;
    }

    int size() {
        return rows.size();
    }

    private void check() {
        if (broken) {
            throw new IllegalStateException("cannot read from the edge database: connection refused");
        }
    }
}
