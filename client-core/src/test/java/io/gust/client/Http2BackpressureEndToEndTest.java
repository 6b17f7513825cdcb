package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gust.http2.Frame;
import io.gust.http2.HeaderField;
import io.gust.http2.Http2Settings;
import io.gust.testing.LeakCheck;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gust's body backpressure reaches an HTTP/2 server: while the body sink holds a chunk, the
 * stream's window is not credited (the connection's is), and credit flows again once the sink
 * takes the bytes.
 */
@Timeout(60)
class Http2BackpressureEndToEndTest {
  private static final int CHUNK = 16_384;
  /** More than half the stream window, which would earn a WINDOW_UPDATE if credited at once. */
  private static final int FIRST_PART = 40 * CHUNK;
  private static final int REST = 20 * CHUNK;

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @Test
  void stalledSinkWithholdsTheStreamsCreditUntilItTakesTheBytes() throws Exception {
    CompletableFuture<Void> barrierPassed = new CompletableFuture<>();
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(Http2Settings.DEFAULTS, true);
      int id = peer.next(Frame.Headers.class).streamId();
      Buffer out = new Buffer();
      peer.writer.headers(out, id, false, List.of(new HeaderField(":status", "200")));
      peer.send(out);
      sendData(peer, id, FIRST_PART, false);
      for (Frame early : peer.barrier()) {
        if (early instanceof Frame.WindowUpdate update && update.streamId() == id) {
          throw new AssertionError("stream credited while its sink held a chunk: " + update);
        }
      }
      barrierPassed.complete(null);
      Frame.WindowUpdate update;
      do {
        update = peer.next(Frame.WindowUpdate.class);
      } while (update.streamId() != id);
      sendData(peer, id, REST, true);
      peer.awaitClose();
    }));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().protocols(Protocol.HTTP_2)
        .build());
    StalledSink stalled = new StalledSink();
    CompletableFuture<HttpResponse> response =
        client.fetch(HttpRequest.get(server.url("/big")), stalled);
    stalled.awaitFirstChunk();
    barrierPassed.get(10, TimeUnit.SECONDS);
    stalled.release();
    assertEquals(200, response.get(10, TimeUnit.SECONDS).code());
    assertEquals(FIRST_PART + REST, stalled.taken());
    client.close();
    server.verify();
  }

  private static void sendData(ScriptedHttp2Server.Peer peer, int id, int byteCount, boolean end)
      throws Exception {
    Buffer out = new Buffer();
    for (int sent = 0; sent < byteCount; sent += CHUNK) {
      Buffer data = new Buffer().write(new byte[CHUNK]);
      peer.writer.data(out, id, end && sent + CHUNK >= byteCount, data, CHUNK);
    }
    peer.send(out);
  }
}
