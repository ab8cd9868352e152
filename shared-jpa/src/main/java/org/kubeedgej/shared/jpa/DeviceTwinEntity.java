package org.kubeedgej.shared.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * A row of KubeEdge's {@code device_twin} table: one twin property of a device with its expected (desired) and
 * actual (reported) value, each with metadata and a version ({@code {"cloud":c,"edge":e}}) as JSON text. Created
 * through {@link DeviceEntity#twin(String)}. Its {@code deviceid} is a foreign key to the device row, which Derby
 * backs with an index.
 */
@Entity
@Table(name = "\"device_twin\"")
public class DeviceTwinEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "\"id\"")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "\"deviceid\"", nullable = false)
    private DeviceEntity device;

    @Column(name = "\"name\"", length = 253, nullable = false)
    private String name;

    @Column(name = "\"description\"", length = 1024)
    private String description;

    @Lob
    @Column(name = "\"expected\"")
    private String expected;

    @Lob
    @Column(name = "\"actual\"")
    private String actual;

    @Lob
    @Column(name = "\"expected_meta\"")
    private String expectedMeta;

    @Lob
    @Column(name = "\"actual_meta\"")
    private String actualMeta;

    @Column(name = "\"expected_version\"", length = 128)
    private String expectedVersion;

    @Column(name = "\"actual_version\"", length = 128)
    private String actualVersion;

    @Column(name = "\"optional\"", columnDefinition = "BOOLEAN")
    private Boolean optional;

    @Column(name = "\"attr_type\"", length = 64)
    private String attrType;

    @Lob
    @Column(name = "\"metadata\"")
    private String metadata;

    /** For the persistence provider. */
    protected DeviceTwinEntity() {
    }

    DeviceTwinEntity(DeviceEntity device, String name) {
        this.device = Objects.requireNonNull(device, "device");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @return the device this twin belongs to */
    public DeviceEntity device() {
        return device;
    }

    /** @return the property name */
    public String name() {
        return name;
    }

    /** @return free text, may be null */
    public String description() {
        return description;
    }

    /** @return the expected (desired) value, null when there is none */
    public String expected() {
        return expected;
    }

    /** @return the expected value's metadata as JSON text, may be null */
    public String expectedMeta() {
        return expectedMeta;
    }

    /** @return the expected value's version as JSON text, may be null */
    public String expectedVersion() {
        return expectedVersion;
    }

    /** @return the actual (reported) value, null when there is none */
    public String actual() {
        return actual;
    }

    /** @return the actual value's metadata as JSON text, may be null */
    public String actualMeta() {
        return actualMeta;
    }

    /** @return the actual value's version as JSON text, may be null */
    public String actualVersion() {
        return actualVersion;
    }

    /** @return whether the property is optional */
    public boolean optional() {
        return Boolean.TRUE.equals(optional);
    }

    /** @return the property's type, e.g. {@code int} */
    public String attrType() {
        return attrType;
    }

    /** @return the property's metadata as JSON text, e.g. {@code {"type":"int"}}; may be null */
    public String metadata() {
        return metadata;
    }

    /**
     * Sets what describes the property.
     *
     * @param newDescription free text
     * @param newOptional whether it is optional
     * @param newAttrType its type
     * @param newMetadata its metadata as JSON text
     */
    public void describe(String newDescription, boolean newOptional, String newAttrType, String newMetadata) {
        description = newDescription;
        optional = newOptional;
        attrType = newAttrType;
        metadata = newMetadata;
    }

    /**
     * Sets the expected (desired) side.
     *
     * @param value the value, null for none
     * @param meta its metadata as JSON text
     * @param version its version as JSON text
     */
    public void expect(String value, String meta, String version) {
        expected = value;
        expectedMeta = meta;
        expectedVersion = version;
    }

    /**
     * Sets the actual (reported) side.
     *
     * @param value the value, null for none
     * @param meta its metadata as JSON text
     * @param version its version as JSON text
     */
    public void report(String value, String meta, String version) {
        actual = value;
        actualMeta = meta;
        actualVersion = version;
    }
}
