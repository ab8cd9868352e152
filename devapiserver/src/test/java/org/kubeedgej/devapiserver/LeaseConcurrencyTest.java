package org.kubeedgej.devapiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Leader election rests on the API server's optimistic concurrency, as kube-apiserver gives it: an update that
 * carries a resourceVersion older than the stored one is refused with 409 Conflict, and a second create of a name
 * with 409 AlreadyExists, so of two replicas racing for an expired Lease exactly one wins.
 */
class LeaseConcurrencyTest {
    private static DevApiServer server;
    private static CoordinationV1Api coordination;

    @BeforeAll
    static void start() {
        server = DevApiServer.start(0);
        ApiClient client = ClientSupport.client(server);
        coordination = new CoordinationV1Api(client);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static V1Lease lease(String name, String holder) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return new V1Lease().apiVersion("coordination.k8s.io/v1").kind("Lease")
                .metadata(new V1ObjectMeta().name(name).namespace("kubeedge"))
                .spec(new V1LeaseSpec().holderIdentity(holder).leaseDurationSeconds(15).acquireTime(now)
                        .renewTime(now).leaseTransitions(0));
    }

    @Test
    void ofTwoUpdatesFromTheSameReadOnlyTheFirstIsTaken() throws ApiException {
        coordination.createNamespacedLease("kubeedge", lease("race", "replica-a")).execute();
        V1Lease readByA = coordination.readNamespacedLease("race", "kubeedge").execute();
        V1Lease readByB = coordination.readNamespacedLease("race", "kubeedge").execute();

        readByA.getSpec().holderIdentity("replica-a").leaseTransitions(1);
        V1Lease won = coordination.replaceNamespacedLease("race", "kubeedge", readByA).execute();
        assertNotEquals(readByA.getMetadata().getResourceVersion(), won.getMetadata().getResourceVersion());

        readByB.getSpec().holderIdentity("replica-b").leaseTransitions(1);
        ApiException lost = assertThrows(ApiException.class,
                () -> coordination.replaceNamespacedLease("race", "kubeedge", readByB).execute());
        assertEquals(409, lost.getCode(), lost.getResponseBody());
        assertEquals("replica-a", coordination.readNamespacedLease("race", "kubeedge").execute().getSpec()
                .getHolderIdentity());
    }

    @Test
    void aSecondCreateOfTheLeaseIsAConflict() throws ApiException {
        coordination.createNamespacedLease("kubeedge", lease("created-twice", "replica-a")).execute();
        ApiException second = assertThrows(ApiException.class,
                () -> coordination.createNamespacedLease("kubeedge", lease("created-twice", "replica-b")).execute());
        assertEquals(409, second.getCode(), second.getResponseBody());
    }

    @Test
    void anUpdateWithoutResourceVersionIsTakenAsKubeApiServerDoes() throws ApiException {
        coordination.createNamespacedLease("kubeedge", lease("unconditional", "replica-a")).execute();
        V1Lease blind = lease("unconditional", "replica-b");
        assertEquals("replica-b", coordination.replaceNamespacedLease("unconditional", "kubeedge", blind).execute()
                .getSpec().getHolderIdentity());
    }
}
