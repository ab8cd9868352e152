package org.kubeedgej.edge.edged;

/**
 * Whether an image can be run: present locally (or just pulled), or why not, as a Kubernetes waiting reason.
 *
 * @param present the image is in the local store
 * @param reason ErrImagePull or ErrImageNeverPull when not present
 * @param message what failed and how to fix it
 */
record ImageCheck(boolean present, String reason, String message) {

    static final ImageCheck PRESENT = new ImageCheck(true, null, null);

    static ImageCheck missing(String reason, String message) {
        return new ImageCheck(false, reason, message);
    }
}
