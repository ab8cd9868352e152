package org.kubeedgej.cloud.devicecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.kubernetes.client.informer.cache.Cache;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.edgecontroller.NodeLister;
import org.kubeedgej.cloud.events.SynchronousEvent;
import org.kubeedgej.cloud.leaderelection.ControllerLeadership;
import org.kubeedgej.cloud.leaderelection.TestLeadership;
import org.kubeedgej.cloud.synccontroller.ObjectSyncLookup;

class DeviceDownstreamReconcilerTest {

    private final List<String> queued = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Cache<DynamicKubernetesObject> models = new Cache<>();
    private final DeviceDownstreamReconciler underTest = new DeviceDownstreamReconciler();
    private final Logger log = Logger.getLogger(DeviceDownstreamReconciler.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private boolean nodeMissing;
    private final ControllerLeadership leadership = TestLeadership.leading();

    {
        underTest.queue = (node, key, isDelete, json) -> queued.add(node + " " + json);
        underTest.leadership = leadership;
        underTest.events = new SynchronousEvent<>(membershipEvent -> { }); // not what these tests look at
        underTest.apiVersion = new DeviceApiVersion() {
            @Override
            public String get() {
                return "v1beta1";
            }
        };
        underTest.objectSyncs = new ObjectSyncLookup() {
            @Override
            public Optional<String> resourceVersion(String nodeId, String namespace, String uid) {
                return Optional.empty();
            }
        };
        underTest.nodes = new NodeLister() {
            @Override
            public boolean knownMissing(String name) {
                return nodeMissing;
            }
        };
        underTest.use(models);
        log.addHandler(capture);
    }

    @AfterEach
    void detach() {
        log.removeHandler(capture);
    }

    @Test
    void aDesiredValueThatDoesNotFitItsTypeHoldsTheDeviceBackUntilFixed() {
        models.add(model("thermo", "INT"));
        underTest.reconcile(device("d1", "1", "hot"));
        assertEquals(List.of(), queued, "nothing the edge would refuse is sent");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("\"hot\" of property temperature is not a valid int"), warnings.get(0));

        underTest.reconcile(device("d1", "2", "hot"));
        assertEquals(1, warnings.size(), "the same problem is said once");

        underTest.reconcile(device("d1", "3", "25"));
        assertTrue(queued.stream().anyMatch(q -> q.startsWith("n1 ") && q.contains("\"Device\"")),
                "once valid, the Device goes to its node: " + queued);
    }

    @Test
    void aModelPropertyOfAnUnknownTypeHoldsItsDevicesBack() {
        models.add(model("thermo", "COMPLEX"));
        underTest.reconcile(device("d2", "1", "25"));
        assertEquals(List.of(), queued);
        assertTrue(warnings.get(0).contains("type \"complex\", which is not one of"), warnings.get(0));
    }

    @Test
    void aDeviceForANodeThatDoesNotExistIsQueuedWithAWarning() {
        nodeMissing = true;
        models.add(model("thermo", "INT"));
        underTest.reconcile(device("d3", "1", "25"));
        assertTrue(queued.stream().anyMatch(q -> q.startsWith("n1 ")), "queued for when the node joins");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("edge node n1, which does not exist"), warnings.get(0));
    }

    private static DynamicKubernetesObject model(String name, String type) {
        return new DynamicKubernetesObject(JsonParser.parseString("{\"apiVersion\":\"devices.kubeedge.io/v1beta1\","
                + "\"kind\":\"DeviceModel\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\","
                + "\"uid\":\"m-" + name + "\",\"resourceVersion\":\"1\"},\"spec\":{\"properties\":[{\"name\":"
                + "\"temperature\",\"type\":\"" + type + "\"}]}}").getAsJsonObject());
    }

    private static DynamicKubernetesObject device(String name, String resourceVersion, String desired) {
        return new DynamicKubernetesObject(JsonParser.parseString("{\"apiVersion\":\"devices.kubeedge.io/v1beta1\","
                + "\"kind\":\"Device\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\","
                + "\"uid\":\"u-" + name + "\",\"resourceVersion\":\"" + resourceVersion + "\"},\"spec\":{"
                + "\"nodeName\":\"n1\",\"deviceModelRef\":{\"name\":\"thermo\"},\"properties\":[{\"name\":"
                + "\"temperature\",\"desired\":{\"value\":\"" + desired + "\"}}]}}").getAsJsonObject());
    }
}
