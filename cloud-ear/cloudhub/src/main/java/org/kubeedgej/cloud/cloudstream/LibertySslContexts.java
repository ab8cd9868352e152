package org.kubeedgej.cloud.cloudstream;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The TLS settings of an {@code <ssl>} element of server.xml, for a listener the application opens itself: Liberty's
 * {@code com.ibm.websphere.ssl.JSSEHelper} (an IBM API of the transportSecurity feature) builds the context from the
 * element's key store and trust store, so the stream port's front serves the same certificate, and trusts the same
 * CA, as CloudHub. Reached by reflection: the API jar ships with Liberty, not in a Maven repository.
 */
final class LibertySslContexts {

    private LibertySslContexts() {
    }

    /**
     * @param sslId the id of an {@code <ssl>} element, e.g. cloudhubSSL
     * @return its context
     * @throws IllegalStateException when Liberty cannot give it, with the reason
     */
    static SSLContext of(String sslId) {
        try {
            Class<?> helper = Class.forName("com.ibm.websphere.ssl.JSSEHelper");
            Class<?> listener = Class.forName("com.ibm.websphere.ssl.SSLConfigChangeListener");
            Object instance = helper.getMethod("getInstance").invoke(null);
            return (SSLContext) helper.getMethod("getSSLContext", String.class, Map.class, listener)
                    .invoke(instance, sslId, null, null);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Liberty has no usable TLS configuration <ssl id=\"" + sslId
                    + "\"> in server.xml: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Liberty's JSSEHelper is not available to CloudCore (is the"
                    + " transportSecurity-1.0 feature enabled?): " + e, e);
        }
    }
}
