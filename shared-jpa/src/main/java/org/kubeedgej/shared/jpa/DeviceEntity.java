package org.kubeedgej.shared.jpa;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.MapKey;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A row of KubeEdge's {@code device} table, with the device's rows of {@code device_attr} and {@code device_twin}
 * by name. Attributes and twins belong to their device: they are written and removed with it.
 */
@Entity
@Table(name = "\"device\"")
@NamedQuery(name = DeviceEntity.FIND_ALL, query = "SELECT d FROM DeviceEntity d ORDER BY d.id")
@NamedQuery(name = DeviceEntity.FIND_BY_IDS, query = "SELECT d FROM DeviceEntity d WHERE d.id IN :ids")
public class DeviceEntity {

    /** Every device. */
    public static final String FIND_ALL = "DeviceEntity.findAll";
    /** The devices whose ids are in the collection parameter {@code ids}. */
    public static final String FIND_BY_IDS = "DeviceEntity.findByIds";

    @Id
    @Column(name = "\"id\"", length = 320)
    private String id;

    @Column(name = "\"name\"", length = 253, nullable = false)
    private String name;

    @Column(name = "\"description\"", length = 1024)
    private String description;

    @Column(name = "\"state\"", length = 64)
    private String state;

    @Column(name = "\"last_online\"", length = 64)
    private String lastOnline;

    @OneToMany(mappedBy = "device", cascade = CascadeType.ALL, orphanRemoval = true)
    @MapKey(name = "name")
    private Map<String, DeviceAttributeEntity> attributes = new LinkedHashMap<>();

    @OneToMany(mappedBy = "device", cascade = CascadeType.ALL, orphanRemoval = true)
    @MapKey(name = "name")
    private Map<String, DeviceTwinEntity> twins = new LinkedHashMap<>();

    /** For the persistence provider. */
    protected DeviceEntity() {
    }

    /**
     * @param id the device id ({@code <namespace>/<name>})
     * @throws NullPointerException when id is null
     */
    public DeviceEntity(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /** @return the device id */
    public String id() {
        return id;
    }

    /** @return the device name */
    public String name() {
        return name;
    }

    /** @return free text, may be null */
    public String description() {
        return description;
    }

    /** @return e.g. online, offline, unknown; may be null */
    public String state() {
        return state;
    }

    /** @return when the device was last online (RFC 3339), may be null */
    public String lastOnline() {
        return lastOnline;
    }

    /**
     * Sets the columns of the device row.
     *
     * @param name the device name
     * @param description free text
     * @param state the device state
     * @param lastOnline when it was last online
     * @throws NullPointerException when name is null
     */
    public void describe(String name, String description, String state, String lastOnline) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description;
        this.state = state;
        this.lastOnline = lastOnline;
    }

    /**
     * The device's attributes by name. Removing one from the map removes its row; {@link #attribute(String)} adds
     * one.
     *
     * @return the live map
     */
    public Map<String, DeviceAttributeEntity> attributes() {
        return attributes;
    }

    /**
     * @param attributeName an attribute name
     * @return the attribute of that name, added to this device if it was not there
     */
    public DeviceAttributeEntity attribute(String attributeName) {
        return attributes.computeIfAbsent(attributeName, n -> new DeviceAttributeEntity(this, n));
    }

    /**
     * The device's twins by property name. Removing one from the map removes its row; {@link #twin(String)} adds
     * one.
     *
     * @return the live map
     */
    public Map<String, DeviceTwinEntity> twins() {
        return twins;
    }

    /**
     * @param twinName a twin property name
     * @return the twin of that name, added to this device if it was not there
     */
    public DeviceTwinEntity twin(String twinName) {
        return twins.computeIfAbsent(twinName, n -> new DeviceTwinEntity(this, n));
    }
}
