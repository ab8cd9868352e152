package org.kubeedgej.edge.servicebus;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageRoute;
import org.kubeedgej.shared.model.Operations;

/**
 * Handles the cloud's ServiceBus messages, as KubeEdge's {@code processMessage}: a request for
 * {@code <port>:<path>} is passed to {@link LocalServiceCaller} and its answer goes back to the cloud as a
 * {@code response} whose parent is the request; a servicebus rule's {@code start}/{@code stop} adds its target URL to
 * (or removes it from) the {@link TargetUrlAllowList}. Work runs on the managed executor, like KubeEdge's goroutine
 * per message, so a slow local service never holds up EdgeHub's receiving thread.
 */
@ApplicationScoped
public class ServiceBusRequestHandler {

    private static final Logger LOG = Logger.getLogger(ServiceBusRequestHandler.class.getName());

    /** A ServiceBus request's resource: {@code <port>:<path>}. */
    private static final Pattern REQUEST_RESOURCE = Pattern.compile("\\d{1,5}:/.*", Pattern.DOTALL);

    /** Methods an operation may name, for the old KubeEdge form that carried the method only as the operation. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Inject
    ServiceBusConfig config;

    @Inject
    TargetUrlAllowList allowList;

    @Inject
    EdgeHubClient edgeHub;

    @Resource
    ManagedExecutorService executor;

    LocalServiceCaller caller;

    @PostConstruct
    void init() {
        caller = new LocalServiceCaller(config.timeout(), config.maxBodyBytes());
    }

    /**
     * @param m a message from the cloud
     * @return whether it is ServiceBus's: a request for {@code <port>:<path>}, or a servicebus rule start/stop
     */
    public boolean handles(Message m) {
        String operation = m.route().operation();
        if (Operations.RESPONSE.equals(operation) || Operations.ERROR.equals(operation)) {
            return false;
        }
        return REQUEST_RESOURCE.matcher(m.route().resource()).matches() || isRuleChange(m);
    }

    /**
     * Handles the message in the background; the cloud gets the answer as its own message.
     *
     * @param m a message for which {@link #handles(Message)} is true
     */
    public void handle(Message m) {
        try {
            executor.execute(() -> process(m));
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> "ServiceBus could not take message " + m.header().id() + " (" + e.getMessage()
                    + "); EdgeCore is probably stopping");
        }
    }

    /** Does the work of {@link #handle(Message)} on the calling thread. */
    void process(Message m) {
        String resource = m.route().resource();
        if (isRuleChange(m)) {
            boolean start = Operations.START.equals(m.route().operation());
            boolean changed = start ? allowList.add(resource) : allowList.remove(resource);
            LOG.info(() -> "ServiceBus rule " + m.route().operation() + ": target URL " + resource
                    + (start ? " allowed" : " no longer allowed") + (changed ? "" : " (no change)"));
            return;
        }
        ServiceBusMessages.Response answer;
        try {
            ServiceBusMessages.Request request = ServiceBusMessages.Request.parse(m.contentData());
            answer = caller.call(resource, request.withMethod(methodOf(request, m)));
        } catch (IllegalArgumentException e) {
            answer = ServiceBusMessages.Response.error(400, "error to parse http request: " + e.getMessage());
        }
        int status = answer.statusCode();
        LOG.fine(() -> "ServiceBus answered " + m.header().id() + " for " + resource + " with " + status);
        edgeHub.send(m.newResponse(answer.toJson())
                .withRoute(MessageRoute.of(Groups.SERVICEBUS, Groups.USER, Operations.RESPONSE, resource)));
    }

    private static boolean isRuleChange(Message m) {
        String operation = m.route().operation();
        return ServiceBusMessages.ROUTER_SOURCE.equals(m.route().source())
                && (Operations.START.equals(operation) || Operations.STOP.equals(operation));
    }

    /** The content's method; else (older KubeEdge) the operation if it is a method token; else GET, as Go's "". */
    private static String methodOf(ServiceBusMessages.Request request, Message m) {
        if (!request.method().isEmpty()) {
            return request.method();
        }
        String operation = m.route().operation().toUpperCase(Locale.ROOT);
        return METHODS.contains(operation) ? operation : "GET";
    }
}
