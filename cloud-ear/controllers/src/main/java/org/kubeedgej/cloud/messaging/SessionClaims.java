package org.kubeedgej.cloud.messaging;

import java.util.function.Consumer;

/**
 * Session claims between CloudCore replicas, over the shared broker: each replica says which node sessions it opened
 * and hears the others'. With one replica it hears only itself.
 */
public interface SessionClaims {

    /** Tells every replica listening now; a claim that cannot be sent is logged and dropped (the next one counts). */
    void announce(SessionClaim claim);

    /**
     * @param receiver called once per claim of any replica, this one's included, on a broker thread; must not block
     * @return the subscription, to close when this replica stops
     */
    AutoCloseable listen(Consumer<SessionClaim> receiver);
}
