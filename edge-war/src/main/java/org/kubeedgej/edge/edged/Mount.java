package org.kubeedgej.edge.edged;

/**
 * A bind mount of a host path into a container: a prepared volume (or a path inside it, for a subPath).
 *
 * @param hostPath absolute path on the node
 * @param containerPath absolute path in the container (the volumeMount's mountPath)
 * @param readOnly mounted read-only
 */
record Mount(String hostPath, String containerPath, boolean readOnly) {}
