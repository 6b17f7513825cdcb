package io.gust.client;

import io.gust.loop.EventLoop;
import okio.ByteString;

/**
 * How a {@link Fetch} with a {@link BodySink} ends: its response is reported once the sink
 * finished with the body (a file renamed into place), its failure once the sink cleaned up (a
 * partial file removed). Stateless; the sink's answer comes back on the fetch's loop.
 */
final class SinkEnding {
  private SinkEnding() {}

  /**
   * Has the sink finish with {@code response}'s body, then settles the fetch. A {@code held}
   * response (an authenticator's challenge given up on) has its body collected: it goes to the
   * sink whole, and is reported without it.
   */
  static void finish(Fetch fetch, BodySink sink, HttpResponse response, boolean held) {
    HttpResponse reported = held ? response.toBuilder().body(ByteString.EMPTY).build()
        : response;
    (held ? sink.takeWhole(response) : sink.finish()).whenComplete(
        (ignored, error) -> fetch.onLoop(() -> fetch.sinkFinished(reported, error)));
  }

  /** Has the sink clean up, then reports {@code error}, with a failed clean-up suppressed. */
  static void abort(Fetch fetch, EventLoop loop, BodySink sink, HttpClientException error) {
    sink.abort(error).whenComplete((ignored, cleanup) -> {
      if (cleanup != null) {
        error.addSuppressed(cleanup);
      }
      FetchHandoff.reportOnLoop(fetch, loop, error);
    });
  }
}
