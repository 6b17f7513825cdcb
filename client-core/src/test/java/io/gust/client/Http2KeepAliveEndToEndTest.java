package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.http2.Frame;
import io.gust.http2.Http2Settings;
import io.gust.testing.LeakCheck;
import io.gust.testing.ManualLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An HTTP/2 connection silent for long is checked with a PING before it carries a new stream, and
 * one whose stream timed out is checked at once; one whose PING goes unanswered leaves the pool
 * and the next fetch goes to a new connection. Time moves on the loop's clock.
 */
@Timeout(60)
class Http2KeepAliveEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final ManualLoop manual = new ManualLoop();
  private ScriptedHttp2Server server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    manual.close();
  }

  @Test
  void unansweredPingAfterSilenceMovesTheFetchToANewConnection() throws Exception {
    CountDownLatch pinged = new CountDownLatch(1);
    server = new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(Http2Settings.DEFAULTS, true);
      if (index == 0) {
        peer.respond(peer.next(Frame.Headers.class).streamId(), "first");
        Frame ping = peer.next();
        while (ping instanceof Frame.WindowUpdate || ping instanceof Frame.Settings) {
          ping = peer.next();
        }
        assertFalse(!(ping instanceof Frame.Ping) || ((Frame.Ping) ping).ack(),
            "a PING before the new stream, not " + ping);
        peer.next(Frame.Headers.class);
        pinged.countDown();
        peer.awaitClose();
      } else {
        peer.respond(peer.next(Frame.Headers.class).streamId(), "second");
        peer.awaitClose();
      }
    });
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().loop(manual.loop)
        .protocols(Protocol.HTTP_2).build());
    assertEquals("first", client.fetch(server.url("/1")).get(10, TimeUnit.SECONDS).bodyString());
    manual.advance(Http2Liveness.PING_AFTER_IDLE.plusSeconds(1));
    CompletableFuture<HttpResponse> second = client.fetch(server.url("/2"));
    pinged.await(10, TimeUnit.SECONDS);
    manual.advanceOnto(Http2Liveness.PING_TIMEOUT, second);
    HttpResponse response = second.get(10, TimeUnit.SECONDS);
    assertEquals("second", response.bodyString());
    assertEquals(2, server.connections());
    client.close();
    server.verify();
  }

  @Test
  void streamTimeoutWithUnansweredPingTakesTheConnectionOutOfThePool() throws Exception {
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch pinged = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    server = new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(Http2Settings.DEFAULTS, true);
      if (index == 0) {
        int stream = peer.next(Frame.Headers.class).streamId();
        requested.countDown();
        Frame reset = nextControl(peer);
        assertTrue(reset instanceof Frame.RstStream rst && rst.streamId() == stream,
            "the timed-out stream is reset first, not " + reset);
        Frame ping = nextControl(peer);
        assertTrue(ping instanceof Frame.Ping p && !p.ack(), "then a PING, not " + ping);
        pinged.countDown();
        peer.awaitClose();
        closed.countDown();
      } else {
        peer.respond(peer.next(Frame.Headers.class).streamId(), "fresh");
        peer.awaitClose();
      }
    });
    AsyncHttpClient client = timeOutOneFetch(requested);
    assertTrue(pinged.await(10, TimeUnit.SECONDS), "a PING after the stream timed out");
    assertEquals(1, client.poolSnapshot().get(5, TimeUnit.SECONDS).open(),
        "alive until the deadline");
    manual.advance(Http2Liveness.PING_TIMEOUT);
    assertTrue(closed.await(10, TimeUnit.SECONDS), "closed once the PING went unanswered");
    assertEquals(0, client.poolSnapshot().get(5, TimeUnit.SECONDS).open());
    assertEquals("fresh", client.fetch(server.url("/2")).get(10, TimeUnit.SECONDS).bodyString());
    assertEquals(2, server.connections());
    client.close();
    server.verify();
  }

  @Test
  void streamTimeoutWithAnsweredPingKeepsTheConnection() throws Exception {
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch answered = new CountDownLatch(1);
    server = new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(Http2Settings.DEFAULTS, true);
      peer.next(Frame.Headers.class);
      requested.countDown();
      Frame ping = nextControl(peer);
      while (!(ping instanceof Frame.Ping)) {
        ping = nextControl(peer);
      }
      Buffer out = new Buffer();
      peer.writer.ping(out, true, ((Frame.Ping) ping).opaqueData());
      peer.send(out);
      answered.countDown();
      peer.respond(peer.next(Frame.Headers.class).streamId(), "same");
      peer.awaitClose();
    });
    AsyncHttpClient client = timeOutOneFetch(requested);
    assertTrue(answered.await(10, TimeUnit.SECONDS));
    manual.pass();
    manual.advance(Http2Liveness.PING_TIMEOUT.plusSeconds(1));
    assertEquals(1, client.poolSnapshot().get(5, TimeUnit.SECONDS).open(),
        "the PING was answered");
    assertEquals("same", client.fetch(server.url("/2")).get(10, TimeUnit.SECONDS).bodyString());
    assertEquals(1, server.connections());
    client.close();
    server.verify();
  }

  /**
   * An HTTP/2 client on the manual loop whose fetch of {@code /slow} times out after 10 s, once
   * {@code requested} says the server has its HEADERS.
   */
  private AsyncHttpClient timeOutOneFetch(CountDownLatch requested) throws Exception {
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().loop(manual.loop)
        .protocols(Protocol.HTTP_2).build());
    CompletableFuture<HttpResponse> slow = client.fetch(HttpRequest.newBuilder(server.url("/slow"))
        .requestTimeout(Duration.ofSeconds(10)).build());
    assertTrue(requested.await(10, TimeUnit.SECONDS));
    manual.advanceOnto(Duration.ofSeconds(10), slow);
    assertInstanceOf(FetchTimeoutException.class,
        assertThrows(ExecutionException.class, () -> slow.get(10, TimeUnit.SECONDS)).getCause());
    return client;
  }

  /** The next frame that is not a SETTINGS (ack) or WINDOW_UPDATE. */
  private static Frame nextControl(ScriptedHttp2Server.Peer peer) throws IOException {
    Frame frame = peer.next();
    while (frame instanceof Frame.WindowUpdate || frame instanceof Frame.Settings) {
      frame = peer.next();
    }
    return frame;
  }
}
