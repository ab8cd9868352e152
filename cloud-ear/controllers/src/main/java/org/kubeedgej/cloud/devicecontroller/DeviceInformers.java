package org.kubeedgej.cloud.devicecontroller;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/**
 * Watches Devices and DeviceModels (devices.kubeedge.io) through informers on dynamic objects and hands every
 * change to {@link DeviceDownstreamReconciler}. One informer factory each: a factory keys informers by class.
 * Informers retry on their own while the API server or the CRDs are missing.
 */
@ApplicationScoped
public class DeviceInformers {

    private static final Logger LOG = Logger.getLogger(DeviceInformers.class.getName());

    @Inject
    ApiClient client;

    @Inject
    DeviceControllerConfig config;

    @Inject
    DeviceDownstreamReconciler reconciler;

    @Resource
    ManagedExecutorService executor;

    private SharedInformerFactory deviceFactory;
    private SharedInformerFactory modelFactory;
    private volatile SharedIndexInformer<DynamicKubernetesObject> devices;

    void start(@Observes Startup startup) {
        if (!config.enabled()) {
            LOG.info("DeviceController is disabled (modules.deviceController.enable=false)");
            return;
        }
        String version = config.apiVersion();
        // Registers the dynamic-object type adapters with the client's JSON, which the informers then use.
        new DynamicKubernetesApi(DeviceControllerConfig.GROUP, version, "devices", client);
        deviceFactory = new SharedInformerFactory(client, executor, false);
        modelFactory = new SharedInformerFactory(client, executor, false);
        SharedIndexInformer<DynamicKubernetesObject> models = modelFactory.sharedIndexInformerFor(
                api(version, "devicemodels"), DynamicKubernetesObject.class, 0);
        devices = deviceFactory.sharedIndexInformerFor(api(version, "devices"), DynamicKubernetesObject.class, 0);
        reconciler.use(models.getIndexer());
        devices.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(DynamicKubernetesObject device) {
                reconciler.reconcile(device);
            }

            @Override
            public void onUpdate(DynamicKubernetesObject old, DynamicKubernetesObject device) {
                reconciler.reconcile(device);
            }

            @Override
            public void onDelete(DynamicKubernetesObject device, boolean finalStateUnknown) {
                reconciler.deleted(device);
            }
        });
        models.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(DynamicKubernetesObject model) {
                reconciler.modelChanged(devicesOf(model));
            }

            @Override
            public void onUpdate(DynamicKubernetesObject old, DynamicKubernetesObject model) {
                reconciler.modelChanged(devicesOf(model));
            }

            @Override
            public void onDelete(DynamicKubernetesObject model, boolean finalStateUnknown) {
                reconciler.modelChanged(devicesOf(model));
            }
        });
        modelFactory.startAllRegisteredInformers();
        deviceFactory.startAllRegisteredInformers();
        LOG.info(() -> "DeviceController is watching devices and devicemodels (" + DeviceControllerConfig.GROUP + "/"
                + version + ")");
    }

    private GenericKubernetesApi<DynamicKubernetesObject, DynamicKubernetesListObject> api(String version,
            String plural) {
        return new GenericKubernetesApi<>(DynamicKubernetesObject.class, DynamicKubernetesListObject.class,
                DeviceControllerConfig.GROUP, version, plural, client);
    }

    private List<DynamicKubernetesObject> devicesOf(DynamicKubernetesObject model) {
        SharedIndexInformer<DynamicKubernetesObject> informer = devices;
        if (informer == null) {
            return List.of();
        }
        String namespace = model.getMetadata().getNamespace();
        String name = model.getMetadata().getName();
        return informer.getIndexer().list().stream()
                .filter(d -> namespace.equals(d.getMetadata().getNamespace()))
                .filter(d -> name.equals(DeviceSpec.of(DeviceDownstreamReconciler.json(d)).model()))
                .toList();
    }

    @PreDestroy
    void stop() {
        if (deviceFactory != null) {
            deviceFactory.stopAllRegisteredInformers();
        }
        if (modelFactory != null) {
            modelFactory.stopAllRegisteredInformers();
        }
    }
}
