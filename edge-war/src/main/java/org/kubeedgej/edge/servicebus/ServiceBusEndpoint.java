package org.kubeedgej.edge.servicebus;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.BindException;
import java.util.Optional;
import java.util.logging.Logger;
import org.kubeedgej.edge.edgehub.EdgeHubClient;

/**
 * ServiceBus's local HTTP API for apps on this node (KubeEdge's {@code server()} on 127.0.0.1:9060), started with
 * EdgeCore when {@code modules.serviceBus.enable} is true and stopped with it. If the port is taken, ServiceBus logs
 * how to fix it and EdgeCore runs on without the local API; cloud→edge ServiceBus calls still work.
 */
@ApplicationScoped
public class ServiceBusEndpoint {

    private static final Logger LOG = Logger.getLogger(ServiceBusEndpoint.class.getName());

    @Inject
    ServiceBusConfig config;

    @Inject
    TargetUrlAllowList allowList;

    @Inject
    EdgeHubClient edgeHub;

    @Resource
    ManagedThreadFactory threads;

    private volatile ServiceBusHttpServer server;
    private volatile String problem = "";

    void onStart(@Observes Startup event) {
        if (!config.enabled()) {
            LOG.info("ServiceBus is disabled (modules.serviceBus.enable=false); no local HTTP API on this node");
            return;
        }
        Optional<String> invalid = config.problem();
        if (invalid.isPresent()) {
            problem = invalid.get();
            LOG.severe(() -> "ServiceBus not started: " + problem);
            return;
        }
        int port = config.port();
        try {
            server = ServiceBusHttpServer.start(port, allowList, config.maxBodyBytes(), edgeHub::send, threads);
            LOG.info(() -> "ServiceBus listens on http://127.0.0.1:" + port + " for local apps; allowed target URLs: "
                    + allowList.urls());
        } catch (BindException e) {
            problem = "port 127.0.0.1:" + port + " is already in use (" + e.getMessage() + ")";
            LOG.severe(() -> "ServiceBus cannot listen: " + problem + ". Stop the process that holds it (ss -ltnp"
                    + " 'sport = :" + port + "') or set modules.serviceBus.port (environment variable"
                    + " MODULES_SERVICEBUS_PORT) to a free port. EdgeCore keeps running without ServiceBus's local"
                    + " HTTP API; cloud requests to local services still work.");
        } catch (IOException e) {
            problem = "cannot listen on 127.0.0.1:" + port + ": " + e;
            LOG.severe(() -> "ServiceBus " + problem + "; EdgeCore keeps running without ServiceBus's local HTTP API");
        }
    }

    @PreDestroy
    void stop() {
        ServiceBusHttpServer current = server;
        if (current != null) {
            server = null;
            current.stop();
            LOG.info("ServiceBus stopped listening");
        }
    }

    /** @return whether the local HTTP API is up */
    public boolean isListening() {
        return server != null;
    }

    /** @return why the local HTTP API did not start, empty when it started or is disabled */
    public String problem() {
        return problem;
    }
}
