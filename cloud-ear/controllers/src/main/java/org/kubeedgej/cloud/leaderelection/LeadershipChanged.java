package org.kubeedgej.cloud.leaderelection;

/**
 * Fired (synchronously, CDI) when this replica starts or stops leading the controllers. Observers that start work
 * on {@code leading} must hand anything long to an executor: the elector waits for them.
 *
 * @param leading whether this replica leads now
 * @param replicaId this replica's id
 */
public record LeadershipChanged(boolean leading, String replicaId) {}
