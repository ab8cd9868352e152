package org.kubeedgej.cloud.certificate;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * KubeEdge's certificate Secrets in namespace {@code kubeedge} ({@code cloud/pkg/cloudhub/servers/httpserver/
 * pre_server.go}): {@code casecret} (cadata, cakeydata), {@code cloudcoresecret} (cloudcoredata, cloudcorekeydata),
 * {@code tokensecret} (tokendata), with KubeEdge's names and keys so keadm and KubeEdge's own cloudcore can share them.
 */
final class CaSecrets {

    static final String NAMESPACE = "kubeedge";
    static final String CA_SECRET = "casecret";
    static final String CA_DATA = "cadata";
    static final String CA_KEY_DATA = "cakeydata";
    static final String CLOUDCORE_SECRET = "cloudcoresecret";
    static final String CLOUDCORE_DATA = "cloudcoredata";
    static final String CLOUDCORE_KEY_DATA = "cloudcorekeydata";
    static final String TOKEN_SECRET = "tokensecret";
    static final String TOKEN_DATA = "tokendata";
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;

    private final CoreV1Api api;

    CaSecrets(ApiClient client) {
        this.api = new CoreV1Api(client);
    }

    /** Creates namespace kubeedge when it is missing, as KubeEdge's cloudcore does at start. */
    void ensureNamespace() throws ApiException {
        try {
            api.readNamespace(NAMESPACE).execute();
        } catch (ApiException e) {
            if (e.getCode() != NOT_FOUND) {
                throw e;
            }
            try {
                api.createNamespace(new V1Namespace().apiVersion("v1").kind("Namespace")
                        .metadata(new V1ObjectMeta().name(NAMESPACE))).execute();
            } catch (ApiException raced) {
                if (raced.getCode() != CONFLICT) {
                    throw raced;
                }
            }
        }
    }

    /** @return the Secret's data, when the Secret exists */
    Optional<Map<String, byte[]>> read(String name) throws ApiException {
        try {
            V1Secret secret = api.readNamespacedSecret(name, NAMESPACE).execute();
            return Optional.of(secret.getData() == null ? Map.of() : secret.getData());
        } catch (ApiException e) {
            if (e.getCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates the Secret, or replaces its data when it differs. */
    void save(String name, Map<String, byte[]> data) throws ApiException {
        Optional<Map<String, byte[]>> existing = read(name);
        if (existing.isPresent() && same(existing.get(), data)) {
            return;
        }
        V1Secret secret = new V1Secret().apiVersion("v1").kind("Secret").type("Opaque")
                .metadata(new V1ObjectMeta().name(name).namespace(NAMESPACE)
                        .putLabelsItem("app.kubernetes.io/managed-by", "kubeedge-j-cloudcore"))
                .data(data);
        if (existing.isEmpty()) {
            try {
                api.createNamespacedSecret(NAMESPACE, secret).execute();
                return;
            } catch (ApiException e) {
                if (e.getCode() != CONFLICT) {
                    throw e;
                }
            }
        }
        api.replaceNamespacedSecret(name, NAMESPACE, secret).execute();
    }

    private static boolean same(Map<String, byte[]> a, Map<String, byte[]> b) {
        return a.keySet().equals(b.keySet()) && a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(),
                b.get(e.getKey())));
    }
}
