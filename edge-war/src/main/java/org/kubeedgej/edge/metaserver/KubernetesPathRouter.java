package org.kubeedgej.edge.metaserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps a request path to what MetaServer serves there, as the API server lays out core/v1:
 * <ul>
 * <li>{@code /api/v1/namespaces/{ns}/{resource}} and {@code .../{resource}/{name}} for namespaced resources;</li>
 * <li>{@code /api/v1/{resource}} (all namespaces, or the cluster-scoped collection) and, for cluster-scoped
 * resources, {@code /api/v1/{resource}/{name}};</li>
 * <li>the same with {@code /api/v1/watch/} in front (the deprecated watch paths older clients use);</li>
 * <li>discovery: {@code /}, {@code /version}, {@code /api}, {@code /api/v1}, {@code /apis}, and health.</li>
 * </ul>
 * Everything else, including subresources (status, log, exec), is not found.
 */
final class KubernetesPathRouter {

    /** What a path leads to. */
    enum Target { ROOT, VERSION, API_VERSIONS, API_RESOURCES, API_GROUPS, HEALTH, RESOURCE, NOT_FOUND }

    /**
     * @param target what the path leads to
     * @param request for {@link Target#RESOURCE}, what it asks for; otherwise null
     */
    record Route(Target target, ResourceRequest request) {

        static Route of(Target target) {
            return new Route(target, null);
        }
    }

    private static final Route NOT_FOUND = Route.of(Target.NOT_FOUND);
    private static final String NAMESPACES = "namespaces";
    private static final String WATCH = "watch";

    private KubernetesPathRouter() {
        throw new AssertionError("no instances");
    }

    /**
     * @param path the decoded request path
     * @return where it leads
     */
    static Route route(String path) {
        List<String> segments = segments(path);
        if (segments == null) {
            return NOT_FOUND;
        }
        switch (String.join("/", segments)) {
            case "":
                return Route.of(Target.ROOT);
            case "version":
                return Route.of(Target.VERSION);
            case "api":
                return Route.of(Target.API_VERSIONS);
            case "api/v1":
                return Route.of(Target.API_RESOURCES);
            case "apis":
                return Route.of(Target.API_GROUPS);
            case "healthz", "livez", "readyz":
                return Route.of(Target.HEALTH);
            default:
                break;
        }
        if (segments.size() < 3 || !"api".equals(segments.get(0))
                || !KubeResource.API_VERSION.equals(segments.get(1))) {
            return NOT_FOUND;
        }
        List<String> rest = segments.subList(2, segments.size());
        boolean watchPath = WATCH.equals(rest.get(0));
        if (watchPath) {
            rest = rest.subList(1, rest.size());
        }
        return resource(rest, watchPath).map(r -> new Route(Target.RESOURCE, r)).orElse(NOT_FOUND);
    }

    private static Optional<ResourceRequest> resource(List<String> rest, boolean watchPath) {
        if (rest.size() >= 3 && NAMESPACES.equals(rest.get(0)) && rest.size() <= 4) {
            Optional<KubeResource> resource = KubeResource.byPlural(rest.get(2)).filter(KubeResource::namespaced);
            String name = rest.size() == 4 ? rest.get(3) : null;
            return resource.map(r -> new ResourceRequest(r, rest.get(1), name, watchPath));
        }
        if (rest.size() == 1 || rest.size() == 2) {
            Optional<KubeResource> resource = KubeResource.byPlural(rest.get(0));
            if (rest.size() == 2) {
                resource = resource.filter(r -> !r.namespaced());
            }
            String name = rest.size() == 2 ? rest.get(1) : null;
            return resource.map(r -> new ResourceRequest(r, null, name, watchPath));
        }
        return Optional.empty();
    }

    /** @return the path's segments without empty ones at the ends, or null if one in the middle is empty */
    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>(List.of(path == null ? new String[0] : path.split("/", -1)));
        if (!segments.isEmpty() && segments.get(0).isEmpty()) {
            segments.remove(0);
        }
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1);
        }
        return segments.contains("") ? null : segments;
    }
}
