package org.kubeedgej.cloud.devicecontroller;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** DeviceController's settings ({@code modules.deviceController.*}). */
@ApplicationScoped
public class DeviceControllerConfig {

    static final String GROUP = "devices.kubeedge.io";

    @Inject
    @ConfigProperty(name = "modules.deviceController.enable", defaultValue = "true")
    boolean enabled;

    /**
     * The devices.kubeedge.io versions DeviceController may use, in order of preference; it watches and writes one,
     * the API server's preferred version when it is listed here ({@link DeviceApiVersion}).
     */
    @Inject
    @ConfigProperty(name = "modules.deviceController.apiVersions", defaultValue = "v1beta1,v1alpha1")
    List<String> apiVersions;

    public boolean enabled() {
        return enabled;
    }

    public List<String> apiVersions() {
        return apiVersions.stream().map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
    }
}
