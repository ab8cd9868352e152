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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.kubeedgej.cloud.leaderelection.LeadershipChanged;

/**
 * Watches Devices and DeviceModels (devices.kubeedge.io) through informers on dynamic objects and hands every
 * change to {@link DeviceDownstreamReconciler}, at the one version {@link DeviceApiVersion} chooses. One informer factory
 * per informer: a factory keys informers by class.
 * Informers retry on their own while the API server or the CRDs are missing. The caches run on every replica; a
 * replica that starts leading the controllers hands every cached Device to the reconciler once.
 */
@ApplicationScoped
public class DeviceInformers {

    private static final Logger LOG = Logger.getLogger(DeviceInformers.class.getName());

    @Inject
    ApiClient client;

    @Inject
    DeviceControllerConfig config;

    @Inject
    DeviceApiVersion apiVersion;

    @Inject
    DeviceDownstreamReconciler reconciler;

    @Resource
    ManagedExecutorService executor;

    private final List<SharedInformerFactory> factories = new CopyOnWriteArrayList<>();
    private final List<SharedIndexInformer<DynamicKubernetesObject>> deviceInformers = new CopyOnWriteArrayList<>();

    void start(@Observes Startup startup) {
        if (!config.enabled()) {
            LOG.info("DeviceController is disabled (modules.deviceController.enable=false)");
            return;
        }
        String version = apiVersion.get();
        watch(version);
        LOG.info(() -> "DeviceController is watching devices and devicemodels (" + DeviceControllerConfig.GROUP
                + "/" + version + ")");
    }

    private void watch(String version) {
        // Registers the dynamic-object type adapters with the client's JSON, which the informers then use.
        new DynamicKubernetesApi(DeviceControllerConfig.GROUP, version, "devices", client);
        SharedInformerFactory deviceFactory = new SharedInformerFactory(client, executor, false);
        SharedInformerFactory modelFactory = new SharedInformerFactory(client, executor, false);
        factories.add(deviceFactory);
        factories.add(modelFactory);
        SharedIndexInformer<DynamicKubernetesObject> models = modelFactory.sharedIndexInformerFor(
                api(version, "devicemodels"), DynamicKubernetesObject.class, 0);
        SharedIndexInformer<DynamicKubernetesObject> devices = deviceFactory.sharedIndexInformerFor(
                api(version, "devices"), DynamicKubernetesObject.class, 0);
        deviceInformers.add(devices);
        reconciler.use(models.getIndexer());
        devices.addEventHandler(handler(reconciler::reconcile, reconciler::deleted));
        models.addEventHandler(handler(model -> reconciler.modelChanged(devicesOf(model)),
                model -> reconciler.modelChanged(devicesOf(model))));
        modelFactory.startAllRegisteredInformers();
        deviceFactory.startAllRegisteredInformers();
    }

    private static ResourceEventHandler<DynamicKubernetesObject> handler(Consumer<DynamicKubernetesObject> changed,
            Consumer<DynamicKubernetesObject> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(DynamicKubernetesObject object) {
                changed.accept(object);
            }

            @Override
            public void onUpdate(DynamicKubernetesObject old, DynamicKubernetesObject object) {
                changed.accept(object);
            }

            @Override
            public void onDelete(DynamicKubernetesObject object, boolean finalStateUnknown) {
                deleted.accept(object);
            }
        };
    }

    private GenericKubernetesApi<DynamicKubernetesObject, DynamicKubernetesListObject> api(String version,
            String plural) {
        return new GenericKubernetesApi<>(DynamicKubernetesObject.class, DynamicKubernetesListObject.class,
                DeviceControllerConfig.GROUP, version, plural, client);
    }

    private List<DynamicKubernetesObject> devicesOf(DynamicKubernetesObject model) {
        String namespace = model.getMetadata().getNamespace();
        String name = model.getMetadata().getName();
        return deviceInformers.stream().flatMap(i -> i.getIndexer().list().stream())
                .filter(d -> namespace.equals(d.getMetadata().getNamespace()))
                .filter(d -> name.equals(DeviceSpec.of(DeviceDownstreamReconciler.json(d)).model()))
                .toList();
    }

    void onLeadership(@Observes LeadershipChanged change) {
        if (!change.leading()) {
            return;
        }
        executor.submit(() -> {
            reconciler.forget();
            deviceInformers.forEach(i -> i.getIndexer().list().forEach(reconciler::reconcile));
        });
    }

    @PreDestroy
    void stop() {
        factories.forEach(SharedInformerFactory::stopAllRegisteredInformers);
    }
}
