package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gust.http2.Frame;
import io.gust.http2.Http2Settings;
import io.gust.testing.LeakCheck;
import io.gust.testing.ManualLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An HTTP/2 connection silent for long is checked with a PING before it carries a new stream; one
 * whose PING goes unanswered leaves the pool and the fetch goes to a new connection. Time moves
 * on the loop's clock.
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
}
