package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.Cancellable;
import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one cancellation model, in both styles: a fetch cancelled by its caller or by closing the
 * client reports a {@link RequestCancelledException}, which a callback receives as is and a
 * future carries as the cause of its {@link CancellationException}. A deadline is a timeout, not
 * a cancellation, in both ({@link LoopClockTimeoutsEndToEndTest} shows it on the loop's clock).
 */
@Timeout(20)
class CancellationEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  /** Heads the server read; it never answers them. */
  private final BlockingQueue<String> heads = new LinkedBlockingQueue<>();
  private ScriptedServer server;
  private AsyncHttpClient client;

  @BeforeEach
  void startSilentServer() throws Exception {
    server = ScriptedServer.start((socket, index) -> {
      InputStream in = socket.getInputStream();
      for (String head; (head = ScriptedServer.readHead(in)) != null; ) {
        heads.add(head);
      }
    });
    client = leaks.track(AsyncHttpClient.create());
  }

  @AfterEach
  void closeBoth() throws Exception {
    client.close();
    server.close();
  }

  private HttpRequest slow() {
    return HttpRequest.get(server.url("/slow"));
  }

  private void awaitServerSawIt() throws InterruptedException {
    assertNotNull(heads.poll(5, TimeUnit.SECONDS), "server saw no request");
  }

  /** Regression: a cancelled future's CancellationException did not say how far the fetch got. */
  @Test
  void cancelledFutureCarriesTheTypedCancellation() throws Exception {
    HttpRequest request = slow();
    CompletableFuture<HttpResponse> future = client.fetch(request);
    awaitServerSawIt();
    assertTrue(future.cancel(true));
    assertTrue(future.isCancelled());
    RequestCancelledException cause = cancellationCause(future);
    assertFalse(cause.isClientClosed());
    assertSame(request, cause.request());
    assertNotEquals(Phase.QUEUE, cause.phase());
  }

  @Test
  void cancelledCallbackHearsTheTypedCancellation() throws Exception {
    RecordingCallback callback = new RecordingCallback();
    Cancellable handle = client.fetch(slow(), callback);
    awaitServerSawIt();
    assertTrue(handle.cancel());
    RequestCancelledException cause =
        assertInstanceOf(RequestCancelledException.class, callback.failure());
    assertFalse(cause.isClientClosed());
    assertNotEquals(Phase.QUEUE, cause.phase());
  }

  /** Regression: closing the client failed futures with an ExecutionException, not as cancelled. */
  @Test
  void clientCloseCancelsFuturesWithTheTypedCause() throws Exception {
    CompletableFuture<HttpResponse> inFlight = client.fetch(slow());
    awaitServerSawIt();
    client.close();
    assertTrue(inFlight.isCancelled());
    assertTrue(cancellationCause(inFlight).isClientClosed());
    CompletableFuture<HttpResponse> after = client.fetch(slow());
    assertTrue(after.isCancelled());
    RequestCancelledException late = cancellationCause(after);
    assertTrue(late.isClientClosed());
    assertEquals(Phase.QUEUE, late.phase());
  }

  @Test
  void clientCloseReachesCallbacksAsTheTypedCancellation() throws Exception {
    RecordingCallback callback = new RecordingCallback();
    client.fetch(slow(), callback);
    awaitServerSawIt();
    client.close();
    RequestCancelledException cause =
        assertInstanceOf(RequestCancelledException.class, callback.failure());
    assertTrue(cause.isClientClosed());
  }

  private static RequestCancelledException cancellationCause(CompletableFuture<?> future) {
    CancellationException thrown =
        assertThrows(CancellationException.class, () -> future.get(5, TimeUnit.SECONDS));
    assertThrows(CancellationException.class, future::join);
    return assertInstanceOf(RequestCancelledException.class, thrown.getCause(),
        "a cancelled fetch's CancellationException carries the typed cancellation");
  }
}
