package org.kubeedgej.edge.edged;

import java.time.Duration;

/**
 * Whether an image can be run: present locally (or just pulled), or why not, as a Kubernetes waiting reason.
 *
 * @param present the image is in the local store
 * @param reason ErrImagePull or ErrImageNeverPull when not present
 * @param message what failed and how to fix it
 * @param pullTime how long the pull took when this check pulled the image, else null (for the Pulled event)
 * @param imageSize the pulled image's size in bytes, 0 when not pulled or not known
 */
record ImageCheck(boolean present, String reason, String message, Duration pullTime, long imageSize) {

    static final ImageCheck PRESENT = new ImageCheck(true, null, null);

    ImageCheck(boolean present, String reason, String message) {
        this(present, reason, message, null, 0);
    }

    static ImageCheck missing(String reason, String message) {
        return new ImageCheck(false, reason, message);
    }

    static ImageCheck pulled(Duration pullTime, long imageSize) {
        return new ImageCheck(true, null, null, pullTime, imageSize);
    }

    /** @return whether this check pulled the image */
    boolean pulledNow() {
        return pullTime != null;
    }
}
