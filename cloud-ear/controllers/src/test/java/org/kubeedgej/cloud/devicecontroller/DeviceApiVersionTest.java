package org.kubeedgej.cloud.devicecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubernetes.client.openapi.models.V1APIGroup;
import io.kubernetes.client.openapi.models.V1GroupVersionForDiscovery;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceApiVersionTest {

    private static Optional<V1APIGroup> served(String preferred, String... versions) {
        V1APIGroup group = new V1APIGroup().name(DeviceControllerConfig.GROUP);
        for (String v : versions) {
            group.addVersionsItem(new V1GroupVersionForDiscovery().version(v).groupVersion("devices.kubeedge.io/" + v));
        }
        group.preferredVersion(new V1GroupVersionForDiscovery().version(preferred));
        return Optional.of(group);
    }

    @Test
    void preferredVersionWinsWhenAllowed() {
        assertEquals("v1beta1", DeviceApiVersion.choose(List.of("v1alpha1", "v1beta1"),
                served("v1beta1", "v1beta1", "v1alpha1")));
    }

    @Test
    void firstAllowedServedVersionWhenThePreferredIsNotAllowed() {
        assertEquals("v1alpha1", DeviceApiVersion.choose(List.of("v1alpha1"), served("v1beta1", "v1beta1", "v1alpha1")));
    }

    @Test
    void olderClusterWithOnlyV1alpha1() {
        assertEquals("v1alpha1", DeviceApiVersion.choose(List.of("v1beta1", "v1alpha1"), served("v1alpha1", "v1alpha1")));
    }

    @Test
    void groupNotServedYetFallsBackToTheFirstAllowed() {
        assertEquals("v1beta1", DeviceApiVersion.choose(List.of("v1beta1", "v1alpha1"), Optional.empty()));
    }

    @Test
    void noAllowedVersionIsAConfigurationError() {
        assertThrows(IllegalStateException.class, () -> DeviceApiVersion.choose(List.of(), Optional.empty()));
    }
}
