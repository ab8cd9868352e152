package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.informer.cache.Indexer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecretList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Function;

/**
 * Watches ConfigMaps and Secrets in every namespace (informers on the factory {@link EdgePodInformers} owns, so they
 * start and stop with the pod and node informers) and hands each change to {@link ConfigSourceReconciler}.
 */
@ApplicationScoped
public class ConfigSourceInformers {

    @Inject
    ConfigSourceReconciler reconciler;

    /**
     * Registers the informers; the caller starts the factory.
     *
     * @param factory the shared informer factory
     * @param client the API client
     * @param nodes the node cache, to tell edge nodes from others
     * @return the ConfigMap and Secret informers
     */
    List<SharedIndexInformer<?>> register(SharedInformerFactory factory, ApiClient client, Indexer<V1Node> nodes) {
        SharedIndexInformer<V1ConfigMap> configMaps = factory.sharedIndexInformerFor(new GenericKubernetesApi<>(
                V1ConfigMap.class, V1ConfigMapList.class, "", "v1", "configmaps", client), V1ConfigMap.class, 0);
        SharedIndexInformer<V1Secret> secrets = factory.sharedIndexInformerFor(new GenericKubernetesApi<>(
                V1Secret.class, V1SecretList.class, "", "v1", "secrets", client), V1Secret.class, 0);
        reconciler.use(configMaps.getIndexer(), secrets.getIndexer(), nodes);
        configMaps.addEventHandler(handler(o -> ConfigSourceRef.configMap(namespace(o), o.getMetadata().getName())));
        secrets.addEventHandler(handler(o -> ConfigSourceRef.secret(namespace(o), o.getMetadata().getName())));
        return List.of(configMaps, secrets);
    }

    private <T extends KubernetesObject> ResourceEventHandler<T> handler(Function<T, ConfigSourceRef> refOf) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                reconciler.objectChanged(refOf.apply(object));
            }

            @Override
            public void onUpdate(T old, T object) {
                reconciler.objectChanged(refOf.apply(object));
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                reconciler.objectChanged(refOf.apply(object));
            }
        };
    }

    private static String namespace(KubernetesObject object) {
        String ns = object.getMetadata().getNamespace();
        return ns == null ? "default" : ns;
    }
}
