package org.kubeedgej.shared.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * A row of KubeEdge's {@code meta} table: one object from the cloud, by its edge resource string.
 */
@Entity
@Table(name = "meta", indexes = @Index(name = "meta_type", columnList = "\"type\""))
@NamedQuery(name = MetaEntry.FIND_BY_TYPE, query = "SELECT m FROM MetaEntry m WHERE m.type = :type ORDER BY m.key")
@NamedQuery(name = MetaEntry.UPDATE,
        query = "UPDATE MetaEntry m SET m.type = :type, m.value = :value WHERE m.key = :key")
@NamedQuery(name = MetaEntry.DELETE, query = "DELETE FROM MetaEntry m WHERE m.key = :key")
public class MetaEntry {

    /** Every entry of one type (parameter {@code type}), by key. */
    public static final String FIND_BY_TYPE = "MetaEntry.findByType";
    /** Replaces type and value of an existing key (parameters {@code key}, {@code type}, {@code value}). */
    public static final String UPDATE = "MetaEntry.update";
    /** Removes a key (parameter {@code key}). */
    public static final String DELETE = "MetaEntry.delete";

    @Id
    @Column(name = "\"key\"", length = 256)
    private String key;

    @Column(name = "\"type\"", length = 32, nullable = false)
    private String type;

    @Lob
    @Column(name = "\"value\"")
    private String value;

    /** For the persistence provider. */
    protected MetaEntry() {
    }

    /**
     * @param key the edge resource string, e.g. {@code default/pod/nginx}
     * @param type the resource type, e.g. {@code pod}
     * @param value the object as JSON
     * @throws NullPointerException when key or type is null
     */
    public MetaEntry(String key, String type, String value) {
        this.key = Objects.requireNonNull(key, "key");
        this.type = Objects.requireNonNull(type, "type");
        this.value = value;
    }

    /** @return the edge resource string */
    public String key() {
        return key;
    }

    /** @return the resource type */
    public String type() {
        return type;
    }

    /** @return the object as JSON */
    public String value() {
        return value;
    }
}
