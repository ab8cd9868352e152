package org.kubeedgej.cloud.devicecontroller;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** DeviceController's settings ({@code modules.deviceController.*}). */
@ApplicationScoped
public class DeviceControllerConfig {

    static final String GROUP = "devices.kubeedge.io";

    @Inject
    @ConfigProperty(name = "modules.deviceController.enable", defaultValue = "true")
    boolean enabled;

    /**
     * The devices.kubeedge.io version DeviceController reads and writes. A real API server serves every object at
     * each version (crds/ declare v1beta1 as storage, v1alpha1 fields preserved); v1alpha1 here suits clusters
     * with only the old CRDs.
     */
    @Inject
    @ConfigProperty(name = "modules.deviceController.apiVersion", defaultValue = "v1beta1")
    String apiVersion;

    public boolean enabled() {
        return enabled;
    }

    public String apiVersion() {
        return apiVersion;
    }
}
