package org.kubeedgej.edge.devicetwin;

/**
 * One twin of a request ({@code dttype.MsgTwin} as it comes in): what it asks to set. A part that is absent is
 * null.
 *
 * @param expected the desired value asked for
 * @param actual the reported value asked for
 * @param optional the optional flag asked for
 * @param type {@code metadata.type}
 * @param expectedVersion {@code expected_version} (the cloud's, on a cloud sync)
 * @param actualVersion {@code actual_version}
 */
public record TwinPatch(String expected, String actual, Boolean optional, String type, TwinVersion expectedVersion,
        TwinVersion actualVersion) {

    /**
     * @param value a desired value
     * @param type its type, or null
     * @param version its version, or null
     * @return a patch that sets only the desired value
     */
    static TwinPatch desired(String value, String type, TwinVersion version) {
        return new TwinPatch(value, null, null, type, version, null);
    }

    /** @return whether it marks the twin deleted (KubeEdge's cloud sync) */
    boolean deletes() {
        return TwinRules.DELETED.equals(type);
    }
}
