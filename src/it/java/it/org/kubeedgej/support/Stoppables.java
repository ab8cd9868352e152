package it.org.kubeedgej.support;

/** Stops what a test class started, in the order given, skipping what never started. */
public final class Stoppables {

    private Stoppables() {
        throw new AssertionError();
    }

    /**
     * @param parts servers, clusters and clients; nulls are skipped
     * @throws IllegalStateException after trying all, if one failed to stop
     */
    public static void stopAll(AutoCloseable... parts) {
        IllegalStateException failure = null;
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not stop " + part, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
