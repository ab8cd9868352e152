package org.kubeedgej.edge.edged;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Docker's image reference grammar (distribution/reference): an image name Docker would refuse is the kubelet's
 * {@code InvalidImageName}, decided before Docker is asked (Docker's answer to such a name was an error on every
 * sync, and the pod got no status).
 */
final class ImageReference {

    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile("(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT
            + ")*(?::" + TAG + ")?(?:@" + DIGEST + ")?");
    private static final int MAX_NAME = 255;

    private ImageReference() {
        throw new AssertionError();
    }

    /**
     * @param image a container's image
     * @return why Docker would refuse it, as the kubelet words it, when it would
     */
    static Optional<String> problem(String image) {
        if (image == null || image.isBlank()) {
            return Optional.of("the container names no image");
        }
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        if (!REFERENCE.matcher(image).matches() || name.length() > MAX_NAME) {
            return Optional.of("Failed to apply default image tag \"" + abbreviate(image) + "\": couldn't parse image"
                    + " reference \"" + abbreviate(image) + "\": invalid reference format");
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
