package org.kubeedgej.edge.metamanager;

import org.kubeedgej.shared.model.Message;

/**
 * An object from the cloud is now in the edge database (or was removed from it): the edge modules that act on it
 * (Edged for pods, DeviceTwin for devices) observe this, so they act only on what survives a restart.
 *
 * @param message the message as stored; resource in the edge form {@code <namespace>/<type>/<name>}
 */
public record StoredObjectEvent(Message message) {}
