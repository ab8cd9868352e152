package org.kubeedgej.cloud.kubeapi;

import java.io.IOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Times every write CloudCore makes to the API server (anything but GET: status writes, creates, patches, deletes)
 * on the one shared client, and counts those the server refused or that never got an answer.
 */
final class ApiWriteTimer implements Interceptor {

    private final Timer writes;
    private final Counter failures;

    ApiWriteTimer(Timer writes, Counter failures) {
        this.writes = writes;
        this.failures = failures;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if ("GET".equals(chain.request().method())) {
            return chain.proceed(chain.request());
        }
        long start = System.nanoTime();
        try {
            Response response = chain.proceed(chain.request());
            if (response.code() >= 400) {
                failures.inc();
            }
            return response;
        } catch (IOException | RuntimeException e) {
            failures.inc();
            throw e;
        } finally {
            writes.update(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
