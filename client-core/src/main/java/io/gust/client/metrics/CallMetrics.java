package io.gust.client.metrics;

import io.gust.client.EventListener;
import io.gust.client.HttpClientException;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.client.HttpStatusException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times one call into {@code http.client.requests} and counts it in its origin's queue while it
 * waits for a connection. Loop-confined, like the events it hears.
 */
final class CallMetrics implements EventListener {
  private static final Logger log = LoggerFactory.getLogger(MicrometerMetrics.class);

  private final MicrometerMetrics metrics;
  /** The caller's request: its method and uri template name the timer. */
  private final HttpRequest request;
  private final long startNanos;
  /** The current attempt's request, whose origin a queued attempt waits for. */
  private HttpRequest attemptRequest;
  /** The origin whose queue this call is counted in; null when not queued. */
  private String queuedOrigin;

  CallMetrics(MicrometerMetrics metrics, HttpRequest request) {
    this.metrics = metrics;
    this.request = request;
    this.attemptRequest = request;
    this.startNanos = metrics.registry.config().clock().monotonicTime();
  }

  @Override
  public void attemptStart(int attempt, HttpRequest request, AttemptReason reason) {
    attemptRequest = request;
  }

  @Override
  public void queued(int attempt) {
    leaveQueue();
    queuedOrigin = QueuedRequests.origin(attemptRequest);
    metrics.queued.add(queuedOrigin, 1);
  }

  @Override
  public void dequeued(int attempt) {
    leaveQueue();
  }

  @Override
  public void cancelled(int attempt, CancelEffect effect, long discardedBytes) {
    leaveQueue();
  }

  @Override
  public void callEnd(HttpResponse response) {
    leaveQueue();
    record(response.code(), null);
  }

  @Override
  public void callFailed(HttpClientException error) {
    leaveQueue();
    int code = error instanceof HttpStatusException
        ? ((HttpStatusException) error).response().code() : 0;
    record(code, error);
  }

  private void leaveQueue() {
    if (queuedOrigin != null) {
      metrics.queued.add(queuedOrigin, -1);
      queuedOrigin = null;
    }
  }

  /** Records the call's time; {@code code} 0 when no response came. */
  private void record(int code, HttpClientException error) {
    long elapsed = metrics.registry.config().clock().monotonicTime() - startNanos;
    metrics.timers.timer(uri(), request.method(), code, error == null ? null : error.getClass())
        .record(elapsed, TimeUnit.NANOSECONDS);
  }

  private String uri() {
    try {
      String template = metrics.uriTemplate.apply(request);
      return template != null ? template : "none";
    } catch (RuntimeException e) {
      log.warn("uri template failed for {}; tagged none", request, e);
      return "none";
    }
  }
}
