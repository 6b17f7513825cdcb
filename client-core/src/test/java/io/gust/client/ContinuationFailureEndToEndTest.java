package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.testing.LeakCheck;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Something thrown inside one of the client's continuations (here a resolver's answer that
 * breaks the connect step) fails that fetch at once with the cause kept, instead of vanishing
 * into the completed stage and leaving the fetch to its deadline.
 */
@Timeout(30)
class ContinuationFailureEndToEndTest {
  /** Answers with a list holding null, which the connect step cannot use. */
  private static final Resolver BROKEN = (loop, host, port, family) ->
      CompletableFuture.completedFuture(Arrays.asList((InetSocketAddress) null));

  @RegisterExtension final LeakCheck leaks = new LeakCheck();

  /** Regression: a NullPointerException in the connect step was swallowed; the fetch hung. */
  @Test
  void aThrowInsideAContinuationFailsTheFetchAtOnce() throws Exception {
    try (AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().resolver(BROKEN)
        .connectTimeout(Duration.ofSeconds(60)).requestTimeout(Duration.ofSeconds(60)).build())) {
      CompletableFuture<HttpResponse> fetch = client.fetch("http://broken.test:1/");
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> fetch.get(5, TimeUnit.SECONDS));
      HttpClientException error = assertInstanceOf(HttpClientException.class, failed.getCause());
      Throwable cause = error.getCause();
      assertNotNull(cause, error.toString());
      assertInstanceOf(NullPointerException.class, cause, error.toString());
    }
  }

  /** The same through the callback style, which must hear about it once. */
  @Test
  void aThrowInsideAContinuationReachesTheCallback() throws Exception {
    try (AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().resolver(BROKEN)
        .connectTimeout(Duration.ofSeconds(60)).requestTimeout(Duration.ofSeconds(60)).build())) {
      RecordingCallback callback = new RecordingCallback();
      client.fetch(HttpRequest.get("http://broken.test:1/"), callback);
      assertInstanceOf(NullPointerException.class, callback.failure().getCause());
    }
  }
}
