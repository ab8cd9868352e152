package org.kubeedgej.edge.edgehub;

import java.util.ArrayList;
import java.util.List;

/**
 * The CloudHub addresses EdgeHub may connect to ({@code host:port}), in the order configured, and the one to try
 * now. After a connection is lost or a try fails, the next one is tried (with EdgeHub's backoff and jitter in between),
 * wrapping around, so an edge whose CloudCore replica died reaches another one; with a single address it is always
 * that one, as before. Where an edge starts is spread: by default each edge starts at the address its node name
 * hashes to, so edges given the same list share the replicas out between them instead of all landing on the first
 * (a replica at its node limit refuses, and the edge moves on). With spreading off it starts at the first.
 */
final class CloudHubAddresses {

    private final List<String> addresses;
    private int current;

    /**
     * @param configured host:port entries; blanks are skipped
     * @throws IllegalArgumentException when none is left
     */
    CloudHubAddresses(List<String> configured) {
        List<String> kept = new ArrayList<>();
        for (String address : configured) {
            String trimmed = address == null ? "" : address.trim();
            if (!trimmed.isEmpty() && !kept.contains(trimmed)) {
                kept.add(trimmed);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no CloudHub address: set modules.edgeHub.websocket.server (host:port)"
                    + " or modules.edgeHub.websocket.servers (a list of them)");
        }
        this.addresses = List.copyOf(kept);
    }

    /**
     * @param configured host:port entries; blanks are skipped
     * @param nodeName the edge's node name, whose hash picks where it starts
     * @param spread whether to start there (false: at the first)
     */
    CloudHubAddresses(List<String> configured, String nodeName, boolean spread) {
        this(configured);
        current = spread && nodeName != null ? Math.floorMod(nodeName.hashCode(), addresses.size()) : 0;
    }

    /** @return the address to connect to now */
    synchronized String current() {
        return addresses.get(current);
    }

    /**
     * Moves on after a lost connection or a failed try.
     *
     * @return the address to try next (the same one when there is only one)
     */
    synchronized String advance() {
        current = (current + 1) % addresses.size();
        return addresses.get(current);
    }

    /** @return whether there is more than one address to fail over to */
    boolean several() {
        return addresses.size() > 1;
    }

    /** @return all addresses, in order */
    List<String> all() {
        return addresses;
    }
}
