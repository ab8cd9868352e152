package org.kubeedgej.cloud.kubeapi;

import io.kubernetes.client.openapi.ApiException;

/**
 * client-go's RetryOnConflict for a read-modify-write whose change is the caller's whole truth (a status an edge
 * reported): the API server refuses a write based on a version someone else has changed since (409 Conflict), and
 * the write is made again from a fresh read. A few attempts; a conflict after the last one is the caller's error.
 */
public final class ConflictRetry {

    private static final int CONFLICT = 409;
    private static final int ATTEMPTS = 5;

    /** A read, the change and the write, done again in full on each attempt. */
    @FunctionalInterface
    public interface Write<T> {
        T run() throws ApiException;
    }

    private ConflictRetry() {
    }

    /**
     * @param write reads the object, changes it and writes it with the resourceVersion it read
     * @return what the last attempt returned
     * @throws ApiException what the write threw, or the conflict of the last attempt
     */
    public static <T> T onConflict(Write<T> write) throws ApiException {
        for (int attempt = 1;; attempt++) {
            try {
                return write.run();
            } catch (ApiException e) {
                if (e.getCode() != CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
