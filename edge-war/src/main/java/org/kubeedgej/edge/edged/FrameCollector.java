package org.kubeedgej.edge.edged;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;

/**
 * Gathers what a Docker exec or log stream prints, up to a cap: a probe's or a failed start's message needs the
 * first lines, and a chatty command must not fill the heap.
 */
final class FrameCollector extends ResultCallback.Adapter<Frame> {

    static final int MAX_CHARS = 4096;

    private final StringBuilder text = new StringBuilder();

    @Override
    public void onNext(Frame frame) {
        if (frame == null || frame.getPayload() == null) {
            return;
        }
        synchronized (text) {
            if (text.length() < MAX_CHARS) {
                String s = new String(frame.getPayload(), StandardCharsets.UTF_8);
                text.append(s, 0, Math.min(s.length(), MAX_CHARS - text.length()));
            }
        }
    }

    /** @return what arrived so far, without surrounding blank space */
    String text() {
        synchronized (text) {
            return text.toString().strip();
        }
    }
}
