package org.kubeedgej.edge.metaserver;

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
import org.kubeedgej.edge.metamanager.MetaRepository;
import org.kubeedgej.edge.metamanager.StoredObjectEvent;

/**
 * MetaServer's lifecycle in EdgeCore: started with it when {@code modules.metaManager.metaServer.enable} is true,
 * stopped with it, and fed every object MetaManager stores. If the port is taken, MetaServer logs how to fix it and
 * EdgeCore runs on without it; nothing else depends on it.
 */
@ApplicationScoped
public class MetaServerEndpoint {

    private static final Logger LOG = Logger.getLogger(MetaServerEndpoint.class.getName());

    @Inject
    MetaServerConfig config;

    @Inject
    MetaRepository repository;

    @Resource
    ManagedThreadFactory threads;

    private volatile MetaServerHttpServer server;
    private volatile String problem = "";

    void onStart(@Observes Startup event) {
        if (!config.enabled()) {
            LOG.info("MetaServer is disabled (modules.metaManager.metaServer.enable=false); no local Kubernetes API");
            return;
        }
        Optional<String> invalid = config.problem();
        if (invalid.isPresent()) {
            problem = invalid.get();
            LOG.severe(() -> "MetaServer not started: " + problem);
            return;
        }
        MetaServerSettings settings;
        try {
            settings = config.settings();
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            LOG.severe(() -> "MetaServer not started: " + problem);
            return;
        }
        String where = settings.host() + ":" + settings.port();
        try {
            server = MetaServerHttpServer.start(settings, repository, threads);
            LOG.info(() -> "MetaServer listens on http://" + where + " for edge apps (get, list, watch of pods,"
                    + " configmaps, secrets, services, nodes; up to " + settings.maxWatches() + " watches); "
                    + settings.secretsToken().map(t -> "Secrets only with the bearer token in " + t.file())
                            .orElse("Secrets to any local client (requireTokenForSecrets=false)"));
        } catch (BindException e) {
            problem = where + " is already in use (" + e.getMessage() + ")";
            LOG.severe(() -> "MetaServer cannot listen: " + problem + ". Stop the process that holds it (ss -ltnp"
                    + " 'sport = :" + settings.port() + "') or set modules.metaManager.metaServer.server (environment"
                    + " variable MODULES_METAMANAGER_METASERVER_SERVER) to a free host:port. EdgeCore keeps running"
                    + " without MetaServer.");
        } catch (IOException e) {
            problem = "cannot listen on " + where + ": " + e.getMessage();
            LOG.severe(() -> "MetaServer " + problem + "; EdgeCore keeps running without MetaServer");
        }
    }

    void onStored(@Observes StoredObjectEvent event) {
        MetaServerHttpServer current = server;
        if (current != null) {
            current.onStored(event);
        }
    }

    @PreDestroy
    void stop() {
        MetaServerHttpServer current = server;
        if (current != null) {
            server = null;
            current.stop();
            LOG.info("MetaServer stopped listening");
        }
    }

    /** @return whether MetaServer is up */
    public boolean isListening() {
        return server != null;
    }

    /** @return the watches open now (0 when MetaServer is not listening) */
    public int openWatches() {
        MetaServerHttpServer current = server;
        return current == null ? 0 : current.openWatches();
    }

    /** @return requests MetaServer served since start (0 when it is not listening) */
    public long requests() {
        MetaServerHttpServer current = server;
        return current == null ? 0 : current.requests();
    }

    /** @return why MetaServer did not start, empty when it started or is disabled */
    public String problem() {
        return problem;
    }
}
