package io.gust.client.metrics;

import io.gust.client.AsyncHttpClient;
import io.gust.client.EventListener;
import io.gust.client.HttpRequest;
import io.gust.loop.EventLoop;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.function.Function;

/**
 * Records a client's calls and the health of its pool and loops in a Micrometer {@link
 * MeterRegistry}, with the names Micrometer's HTTP client instrumentations use.
 *
 * <p>As an {@link EventListener.Factory} (give it to {@link
 * AsyncHttpClient.Builder#eventListenerFactory}) it times every call, redirects and retries
 * included, as the timer {@code http.client.requests} tagged {@code method}, {@code status} (the
 * final code, or {@code CLIENT_ERROR} when no response came), {@code outcome} ({@code SUCCESS},
 * {@code REDIRECTION}, {@code CLIENT_ERROR}, {@code SERVER_ERROR}, {@code INFORMATIONAL}, or
 * {@code UNKNOWN} without response), {@code uri} (a template the application names through
 * {@link Builder#uriTemplate}, {@code none} by default, so that cardinality stays low) and
 * {@code exception} (the failure's simple class name, or {@code none}). {@link #bindTo} adds the
 * pool gauges per origin and the loop gauges; see the methods for their names.
 *
 * <p>Thread-safe; one instance may serve several clients. Timers are cached, so a call costs no
 * allocation beyond its listener once its tags were seen.
 */
public final class MicrometerMetrics implements EventListener.Factory {
  final MeterRegistry registry;
  final Function<HttpRequest, String> uriTemplate;
  final RequestTimers timers;
  /** Requests waiting for a connection, per origin; fed by the listeners. */
  final QueuedRequests queued = new QueuedRequests();
  private final int maxOrigins;

  private MicrometerMetrics(Builder builder) {
    this.registry = builder.registry;
    this.uriTemplate = builder.uriTemplate;
    this.maxOrigins = builder.maxOrigins;
    this.timers = new RequestTimers(registry);
  }

  /** Metrics into {@code registry} with the defaults (uri {@code none}, 20 origins). */
  public static MicrometerMetrics create(MeterRegistry registry) {
    return builder(registry).build();
  }

  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /** The listener that times one call; runs on the loop thread. */
  @Override
  public EventListener create(HttpRequest request) {
    return new CallMetrics(this, request);
  }

  /**
   * Binds gauges of {@code client}'s pool, per origin ({@code gust.client.pool.open}, {@code
   * .idle}, {@code .in.use}, {@code .queued}, tagged {@code origin} as {@code
   * scheme://host:port}; beyond the builder's origin limit the smallest are summed into {@code
   * origin=other}), and of each of its loops ({@link #bindLoop}). Pool gauges show the snapshot
   * taken at the previous read; {@link PoolGauges#refresh()} takes one now.
   */
  public PoolGauges bindTo(AsyncHttpClient client) {
    Objects.requireNonNull(client, "client");
    for (EventLoop loop : client.loops()) {
      bindLoop(loop);
    }
    return new PoolGauges(client, registry, queued, maxOrigins);
  }

  /**
   * Binds gauges of {@code loop}'s health, tagged {@code loop} with its name: {@code
   * gust.loop.lag} and {@code gust.loop.lag.max} (seconds), {@code gust.loop.tasks} (a counter
   * of tasks, timers and readiness events run), {@code gust.loop.task.longest} (seconds, the
   * longest stretch of work between two selects), {@code gust.loop.blocked} (a counter of the
   * watchdog's blocked episodes) and {@code gust.loop.timers.pending}.
   */
  public void bindLoop(EventLoop loop) {
    LoopGauges.bind(registry, Objects.requireNonNull(loop, "loop"));
  }

  /** Settings for {@link MicrometerMetrics}. Not thread-safe. */
  public static final class Builder {
    private final MeterRegistry registry;
    private Function<HttpRequest, String> uriTemplate = request -> "none";
    private int maxOrigins = 20;

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Names the {@code uri} tag of a call from its request (as the caller made it): a template
     * such as {@code /users/{id}}, never the raw path, which would make a timer per URL. Runs on
     * the loop thread; must not block; a null or failing answer counts as {@code none}.
     */
    public Builder uriTemplate(Function<HttpRequest, String> template) {
      this.uriTemplate = Objects.requireNonNull(template, "template");
      return this;
    }

    /** The most origins that get pool gauges of their own; the rest share {@code other}. */
    public Builder maxOrigins(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxOrigins < 1: " + max);
      }
      this.maxOrigins = max;
      return this;
    }

    public MicrometerMetrics build() {
      return new MicrometerMetrics(this);
    }
  }
}
