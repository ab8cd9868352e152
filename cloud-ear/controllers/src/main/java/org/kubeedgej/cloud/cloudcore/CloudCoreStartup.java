package org.kubeedgej.cloud.cloudcore;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.kubeedgej.cloud.kubeapi.KubeApiProbe;
import org.kubeedgej.cloud.kubeapi.KubeApiStatus;

/** Runs once when CloudCore's EAR starts: reports the API server in use and marks CloudCore started. */
@Singleton
@Startup
public class CloudCoreStartup {

    private static final Logger LOG = Logger.getLogger(CloudCoreStartup.class.getName());

    @Inject
    KubeApiProbe kubeApi;

    private volatile boolean started;

    @PostConstruct
    void start() {
        KubeApiStatus status = kubeApi.status();
        if (status.reachable()) {
            LOG.info(() -> "cloudcore started; Kubernetes API server " + status.server() + " is "
                    + status.gitVersion());
        } else {
            // Not fatal: controllers retry, and readiness reports DOWN until the API server answers.
            LOG.warning(() -> "cloudcore started without the Kubernetes API server: " + status.error());
        }
        started = true;
    }

    /** @return whether start-up has completed */
    public boolean isStarted() {
        return started;
    }
}
