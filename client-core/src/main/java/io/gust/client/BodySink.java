package io.gust.client;

import io.gust.loop.EventLoop;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import okio.Buffer;

/**
 * Where a response body goes instead of into {@link HttpResponse#body()}: a file ({@link
 * #toFile}), nowhere ({@link #discard}), or a {@link BodyStream} the caller reads at its own pace
 * ({@link #stream}). Pass one to {@link AsyncHttpClient#fetch(io.gust.client.HttpRequest, BodySink)};
 * the fetch's future completes once the sink is done with the body (the file renamed into place,
 * the stream read to its end), and the response's {@code body()} is then empty.
 *
 * <p>A sink serves one fetch. It receives the body of the final response only (never a redirect's
 * body), whatever its status; with {@code raiseError} an error status fails the fetch after the
 * body went to the sink, which then cleans up as after any failure. Bodies sent to a sink are not
 * bounded by {@code maxBodyBytes}. With application interceptors, the sink receives the final
 * response's body once the interceptors are done, so it is bounded and held in memory first.
 */
public abstract class BodySink {
  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
  private final AtomicBoolean claimed = new AtomicBoolean();
  /** Decoded body bytes taken so far. Written on the loop only. */
  private volatile long byteCount;
  /** The loop of the fetch, once claimed. */
  EventLoop loop;
  /** Where blocking file work runs: the client's file threads. */
  Executor files;

  BodySink() {}

  /**
   * A sink that writes the body to {@code target}, off the loop: into a new file beside it, renamed
   * over {@code target} in one step once the whole body arrived, and deleted if the fetch fails or
   * is cancelled. So {@code target} is either untouched or complete. The future completes after
   * the rename. The file is not forced to disk.
   */
  public static BodySink toFile(Path target) {
    return new FileSink(Objects.requireNonNull(target, "target"));
  }

  /** A sink that drops the body as it arrives, counting its bytes ({@link #byteCount()}). */
  public static BodySink discard() {
    return new DiscardSink();
  }

  /** A sink the caller reads from, with backpressure; see {@link BodyStream}. */
  public static BodyStream stream() {
    return new BodyStream();
  }

  /** Returns the decoded body bytes this sink has taken so far; any thread may ask. */
  public long byteCount() {
    return byteCount;
  }

  /** Binds the sink to its one fetch; throws IllegalStateException when it already has one. */
  final void claim(EventLoop fetchLoop, Executor fileExecutor) {
    if (!claimed.compareAndSet(false, true)) {
      throw new IllegalStateException("a BodySink serves one fetch; make a new one");
    }
    this.loop = fetchLoop;
    this.files = fileExecutor;
  }

  /** Takes the next bytes of the body; see {@link #onData}. */
  final CompletionStage<?> take(Buffer chunk) {
    byteCount += chunk.size();
    return onData(chunk);
  }

  /**
   * Feeds a whole buffered response to this sink, for calls whose body was collected first; the
   * stage completes when the sink finished with it.
   */
  final CompletionStage<?> takeWhole(HttpResponse response) {
    start(response.toBuilder().body(okio.ByteString.EMPTY).build());
    CompletionStage<?> taken = take(new Buffer().write(response.body()));
    CompletableFuture<Void> done = new CompletableFuture<>();
    (taken == null ? CompletableFuture.completedFuture(null) : taken).whenComplete((ok, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
      } else {
        finish().whenComplete((finished, late) -> {
          if (late != null) {
            done.completeExceptionally(late);
          } else {
            done.complete(null);
          }
        });
      }
    });
    return done;
  }

  /** The final response's head arrived (body empty); on the loop. Nothing to do by default. */
  void start(HttpResponse head) {}

  /**
   * Takes {@code chunk}, which the sink now owns; on the loop. Returns null to go on reading, or a
   * stage: reading from the connection pauses until it completes, and a failed one fails the fetch.
   */
  abstract CompletionStage<?> onData(Buffer chunk);

  /**
   * The whole body was taken; the stage completes when the sink is done with it. On the loop.
   * Done at once by default.
   */
  CompletionStage<?> finish() {
    return DONE;
  }

  /**
   * The fetch failed with {@code error} (perhaps before {@link #start}): release and clean up; the
   * failure is reported once the stage completes. On the loop; called at most once. Nothing to
   * clean up by default.
   */
  CompletionStage<?> abort(HttpClientException error) {
    return DONE;
  }
}
