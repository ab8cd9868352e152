package org.kubeedgej.cloud.synccontroller;

import java.math.BigInteger;

/**
 * Ordering of resourceVersions, as KubeEdge's {@code CompareResourceVersion}: Kubernetes calls them opaque, but
 * etcd's and the development API server's are integers, and reliable sync needs "newer than".
 */
public final class ResourceVersions {

    private ResourceVersions() {
        throw new AssertionError();
    }

    /**
     * @param a a resourceVersion
     * @param b another
     * @return negative, zero or positive as {@code a} is older than, the same as or newer than {@code b}; versions
     *     that are not integers are equal only when identical, and otherwise count as older (never as newer, so
     *     nothing is sent on a guess)
     */
    public static int compare(String a, String b) {
        try {
            return new BigInteger(a).compareTo(new BigInteger(b));
        } catch (NumberFormatException | NullPointerException e) {
            return a != null && a.equals(b) ? 0 : -1;
        }
    }
}
