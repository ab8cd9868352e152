package org.kubeedgej.devapiserver;

/**
 * Serializes this server's read-modify-writes of one object, as kube-apiserver's GuaranteedUpdate does with etcd's
 * compare-and-swap: a resourceVersion check and the write that follows it are one step, so a concurrent writer sees
 * the result or a conflict, never a write lost between the two. A fixed set of locks by object, so memory stays
 * bounded whatever the objects; two objects sharing a lock only wait for each other.
 */
final class ObjectLocks {
    private final Object[] locks = new Object[64];

    ObjectLocks() {
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** @return the lock of the object a path names (its group, resource, namespace and name; not its version) */
    Object of(ResourcePath path) {
        int hash = (path.group() + "/" + path.resource() + "/" + path.namespace() + "/" + path.name()).hashCode();
        return locks[Math.floorMod(hash, locks.length)];
    }
}
