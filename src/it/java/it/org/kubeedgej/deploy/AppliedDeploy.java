package it.org.kubeedgej.deploy;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.Map;
import java.util.TreeMap;

/** The objects of deploy/ as the API server holds them after {@code kubectl apply -k deploy/} (or deploy/ha/). */
final class AppliedDeploy {

    static final String NAMESPACE = "kubeedge";
    static final String NAME = "cloudcore";

    private AppliedDeploy() {
        throw new AssertionError();
    }

    static V1Deployment deployment(ApiClient client) throws ApiException {
        return new AppsV1Api(client).readNamespacedDeployment(NAME, NAMESPACE).execute();
    }

    static V1StatefulSet statefulSet(ApiClient client, String name) throws ApiException {
        return new AppsV1Api(client).readNamespacedStatefulSet(name, NAMESPACE).execute();
    }

    static V1Service service(ApiClient client, String name) throws ApiException {
        return new CoreV1Api(client).readNamespacedService(name, NAMESPACE).execute();
    }

    static V1Container container(V1Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(NAME)).findFirst()
                .orElseThrow(() -> new AssertionError("no container named " + NAME));
    }

    /** @return the container's plain environment values (not those taken from Secrets) */
    static Map<String, String> env(V1Container container) {
        Map<String, String> env = new TreeMap<>();
        for (V1EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            }
        }
        return env;
    }

    /** @return the number of a container port given by name or number, as probes and Services name them */
    static int containerPort(V1Container container, String nameOrNumber) {
        return container.getPorts().stream().filter(p -> nameOrNumber.equals(p.getName())
                || nameOrNumber.equals(String.valueOf(p.getContainerPort()))).findFirst()
                .orElseThrow(() -> new AssertionError("no container port " + nameOrNumber)).getContainerPort();
    }

    /** @return the name of the ConfigMap the Deployment mounts as its config volume (kustomize adds a hash) */
    static String configMapName(V1Deployment deployment) {
        V1Volume config = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("config")).findFirst()
                .orElseThrow(() -> new AssertionError("no volume named config"));
        return config.getConfigMap().getName();
    }

    /** @return the cloudcore.yaml of the ConfigMap the Deployment mounts */
    static String cloudcoreYaml(ApiClient client, V1Deployment deployment) throws ApiException {
        return new CoreV1Api(client).readNamespacedConfigMap(configMapName(deployment), NAMESPACE).execute().getData()
                .get("cloudcore.yaml");
    }
}
