package org.kubeedgej.edge.servicebus;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The URLs local apps may send to the cloud through ServiceBus. KubeEdge keeps them in the SQLite table
 * {@code target_urls}, which servicebus rule {@code start}/{@code stop} messages fill and empty; here they live in
 * memory, seeded from {@code modules.serviceBus.targetURLs}, so that nothing reaches the cloud unless an operator or a
 * rule allowed it. Matching is exact (after trimming spaces), as KubeEdge's {@code GetUrlsByKey}: no prefixes, no
 * normalisation, so {@code http://a/x} does not allow {@code http://a/x/}.
 */
@ApplicationScoped
public class TargetUrlAllowList {

    private static final Logger LOG = Logger.getLogger(TargetUrlAllowList.class.getName());

    private final Set<String> urls = ConcurrentHashMap.newKeySet();

    @Inject
    ServiceBusConfig config;

    @PostConstruct
    void loadConfigured() {
        config.targetUrls().forEach(this::add);
        LOG.fine(() -> "ServiceBus allow-list from modules.serviceBus.targetURLs: " + urls());
    }

    /**
     * @param url a target URL
     * @return whether it was added (false if blank or already allowed)
     */
    public boolean add(String url) {
        return url != null && !url.isBlank() && urls.add(url.strip());
    }

    /**
     * @param url a target URL
     * @return whether it was on the list
     */
    public boolean remove(String url) {
        return url != null && urls.remove(url.strip());
    }

    /**
     * @param url a target URL, may be null
     * @return whether local apps may send to it
     */
    public boolean allows(String url) {
        return url != null && urls.contains(url.strip());
    }

    /** @return the allowed URLs, sorted */
    public List<String> urls() {
        return urls.stream().sorted().toList();
    }
}
