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
 * A row of KubeEdge's {@code device_attr} table: a static attribute of a device (value as a string, a type and
 * metadata as JSON). Created through {@link DeviceEntity#attribute(String)}. Its {@code deviceid} is a foreign
 * key to the device row, which Derby backs with an index.
 */
@Entity
@Table(name = "\"device_attr\"")
public class DeviceAttributeEntity {

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
    @Column(name = "\"value\"")
    private String value;

    @Column(name = "\"optional\"", columnDefinition = "BOOLEAN")
    private Boolean optional;

    @Column(name = "\"attr_type\"", length = 64)
    private String attrType;

    @Lob
    @Column(name = "\"metadata\"")
    private String metadata;

    /** For the persistence provider. */
    protected DeviceAttributeEntity() {
    }

    DeviceAttributeEntity(DeviceEntity device, String name) {
        this.device = Objects.requireNonNull(device, "device");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @return the device this attribute belongs to */
    public DeviceEntity device() {
        return device;
    }

    /** @return the attribute name */
    public String name() {
        return name;
    }

    /** @return free text, may be null */
    public String description() {
        return description;
    }

    /** @return the value as a string, may be null */
    public String value() {
        return value;
    }

    /** @return whether the attribute is optional */
    public boolean optional() {
        return Boolean.TRUE.equals(optional);
    }

    /** @return the attribute's type, e.g. {@code string} */
    public String attrType() {
        return attrType;
    }

    /** @return the metadata as JSON text, may be null */
    public String metadata() {
        return metadata;
    }

    /**
     * Sets the columns of the attribute row.
     *
     * @param newDescription free text
     * @param newValue the value as a string
     * @param newOptional whether it is optional
     * @param newAttrType its type
     * @param newMetadata metadata as JSON text
     */
    public void set(String newDescription, String newValue, boolean newOptional, String newAttrType,
            String newMetadata) {
        description = newDescription;
        value = newValue;
        optional = newOptional;
        attrType = newAttrType;
        metadata = newMetadata;
    }
}
