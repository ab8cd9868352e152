package it.org.kubeedgej.deploy;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApiextensionsV1Api;
import io.kubernetes.client.openapi.apis.ApisApi;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinitionNames;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinitionSpec;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinitionVersion;
import io.kubernetes.client.openapi.models.V1CustomResourceValidation;
import io.kubernetes.client.openapi.models.V1JSONSchemaProps;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.List;

/**
 * The development API server does not serve rbac.authorization.k8s.io (no Role, RoleBinding, ClusterRole or
 * ClusterRoleBinding in its discovery, storage or OpenAPI), so {@code kubectl apply -k deploy/} stops at the RBAC
 * objects there. Until it does, this serves the four kinds as schemaless custom resources of the same group and
 * version: kubectl maps and stores them as on a real server, and the official client reads them back through its
 * typed RBAC API (which rejects unknown fields, so a misspelt field in the manifests still fails). Nothing is done
 * when the server already serves the group.
 */
final class RbacStandIn {

    static final String GROUP = "rbac.authorization.k8s.io";
    private static final List<List<String>> KINDS = List.of(
            List.of("Role", "roles", "Namespaced"),
            List.of("RoleBinding", "rolebindings", "Namespaced"),
            List.of("ClusterRole", "clusterroles", "Cluster"),
            List.of("ClusterRoleBinding", "clusterrolebindings", "Cluster"));

    private RbacStandIn() {
        throw new AssertionError();
    }

    /**
     * @param client a client of the development API server
     * @return whether the stand-in was needed (the server lacks the RBAC group)
     * @throws ApiException when the server refuses discovery or a definition
     */
    static boolean serveIfMissing(ApiClient client) throws ApiException {
        boolean served = new ApisApi(client).getAPIVersions().execute().getGroups().stream()
                .anyMatch(g -> GROUP.equals(g.getName()));
        if (served) {
            return false;
        }
        ApiextensionsV1Api api = new ApiextensionsV1Api(client);
        for (List<String> kind : KINDS) {
            api.createCustomResourceDefinition(definition(kind.get(0), kind.get(1), kind.get(2))).execute();
        }
        return true;
    }

    private static V1CustomResourceDefinition definition(String kind, String plural, String scope) {
        V1JSONSchemaProps anything = new V1JSONSchemaProps().type("object").xKubernetesPreserveUnknownFields(true);
        return new V1CustomResourceDefinition()
                .apiVersion("apiextensions.k8s.io/v1").kind("CustomResourceDefinition")
                .metadata(new V1ObjectMeta().name(plural + "." + GROUP))
                .spec(new V1CustomResourceDefinitionSpec()
                        .group(GROUP)
                        .scope(scope)
                        .names(new V1CustomResourceDefinitionNames().kind(kind).plural(plural)
                                .singular(kind.toLowerCase()).listKind(kind + "List"))
                        .versions(List.of(new V1CustomResourceDefinitionVersion().name("v1").served(true)
                                .storage(true).schema(new V1CustomResourceValidation().openAPIV3Schema(anything)))));
    }
}
