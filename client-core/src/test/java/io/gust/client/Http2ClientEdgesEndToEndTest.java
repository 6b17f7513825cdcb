package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.concurrent.Futures;
import io.gust.concurrent.Remaining;
import io.gust.http2.ErrorCode;
import io.gust.http2.Frame;
import io.gust.http2.Http2Settings;
import io.gust.testing.Eventually;
import io.gust.testing.LeakCheck;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP/2 client's edges against a scripted server: one stream only until the server's
 * SETTINGS, server push refused in the client's SETTINGS and as a connection error when a server
 * pushes anyway, PRIORITY and unknown frame types ignored, a fetch queued for a stream failing
 * inside its own deadline without opening a second connection, and a combinator cancelling its
 * loser with RST_STREAM on a connection that stays.
 */
@Timeout(60)
class Http2ClientEdgesEndToEndTest {
  private static final int PUSH_PROMISE = 0x5;
  private static final int PRIORITY = 0x2;
  private static final int END_HEADERS = 0x4;

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private AsyncHttpClient client() {
    return leaks.track(AsyncHttpClient.builder().protocols(Protocol.HTTP_2)
        .connectTimeout(Duration.ofSeconds(5)).build());
  }

  /** A frame of any type, laid out by hand (RFC 9113 §4.1). */
  private static Buffer rawFrame(int type, int flags, int streamId, String hexPayload) {
    okio.ByteString payload = okio.ByteString.decodeHex(hexPayload);
    Buffer out = new Buffer();
    out.writeByte(payload.size() >>> 16).writeByte(payload.size() >>> 8).writeByte(payload.size());
    out.writeByte(type).writeByte(flags).writeInt(streamId).write(payload);
    return out;
  }

  private static String path(Frame.Headers headers) {
    return headers.fields().stream().filter(field -> field.name().equals(":path"))
        .findFirst().orElseThrow().value();
  }

  @Test
  void noSecondStreamBeforeTheServersSettings() throws Exception {
    CompletableFuture<Void> allQueued = new CompletableFuture<>();
    CompletableFuture<Integer> headersBeforeAck = new CompletableFuture<>();
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.readPreface();
      int first = peer.next(Frame.Headers.class).streamId();
      allQueued.get(10, TimeUnit.SECONDS);
      peer.sendSettings(Http2Settings.DEFAULTS.with(Http2Settings.MAX_CONCURRENT_STREAMS, 100),
          true);
      int headers = 1;
      for (Frame frame = peer.next(); !(frame instanceof Frame.Settings s && s.ack());
          frame = peer.next()) {
        headers += frame instanceof Frame.Headers ? 1 : 0;
      }
      headersBeforeAck.complete(headers);
      peer.respond(first, "first");
      for (int i = 0; i < 2; i++) {
        peer.respond(peer.next(Frame.Headers.class).streamId(), "later");
      }
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    List<CompletableFuture<HttpResponse>> all = List.of(client.fetch(server.url("/0")),
        client.fetch(server.url("/1")), client.fetch(server.url("/2")));
    Eventually.noComplaint(Duration.ofSeconds(5), () -> {
      PoolSnapshot snapshot = client.poolSnapshot().join();
      return snapshot.queued() == 2 ? null : "" + snapshot;
    });
    allQueued.complete(null);
    assertEquals(1, headersBeforeAck.get(10, TimeUnit.SECONDS),
        "HEADERS the client sent before it saw the server's SETTINGS");
    for (CompletableFuture<HttpResponse> each : all) {
      assertEquals(200, each.get(10, TimeUnit.SECONDS).code());
    }
    assertEquals(1, server.connections());
    client.close();
    server.verify();
  }

  @Test
  void pushIsRefusedInTheSettingsAndAPushPromiseEndsTheConnection() throws Exception {
    CompletableFuture<Http2Settings> clientSettings = new CompletableFuture<>();
    CompletableFuture<ErrorCode> goAway = new CompletableFuture<>();
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      clientSettings.complete(peer.handshake(Http2Settings.DEFAULTS, true));
      int id = peer.next(Frame.Headers.class).streamId();
      // Promised stream 2, with :method GET, :path / and :scheme http from the static table.
      peer.send(rawFrame(PUSH_PROMISE, END_HEADERS, id, "00000002828486"));
      goAway.complete(peer.next(Frame.GoAway.class).errorCode());
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> client.fetch(server.url("/pushed")).get(10, TimeUnit.SECONDS));
    assertInstanceOf(HttpClientException.class, failed.getCause());
    assertFalse(clientSettings.get(5, TimeUnit.SECONDS).enablePush());
    assertEquals(0, clientSettings.get().value(Http2Settings.ENABLE_PUSH));
    assertEquals(ErrorCode.PROTOCOL_ERROR, goAway.get(10, TimeUnit.SECONDS));
    server.verify();
  }

  @Test
  void priorityAndUnknownFrameTypesAreIgnored() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(Http2Settings.DEFAULTS, true);
      for (int i = 0; i < 2; i++) {
        int id = peer.next(Frame.Headers.class).streamId();
        Buffer out = rawFrame(PRIORITY, 0, id, "0000000010");
        out.writeAll(rawFrame(0xfa, 0xff, 0, "68656c6c6f"));
        out.writeAll(rawFrame(0xfb, 0, id, ""));
        peer.send(out);
        peer.respond(id, "answer " + i);
      }
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    assertEquals("answer 0", client.fetch(server.url("/a")).get(10, TimeUnit.SECONDS)
        .bodyString());
    assertEquals("answer 1", client.fetch(server.url("/b")).get(10, TimeUnit.SECONDS)
        .bodyString());
    assertEquals(1, server.connections());
    client.close();
    server.verify();
  }

  @Test
  void aFetchQueuedForAStreamFailsInsideItsDeadlineWithoutASecondConnection() throws Exception {
    CompletableFuture<Void> timedOut = new CompletableFuture<>();
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(Http2Settings.DEFAULTS.with(Http2Settings.MAX_CONCURRENT_STREAMS, 1), true);
      Frame.Headers held = peer.next(Frame.Headers.class);
      timedOut.get(10, TimeUnit.SECONDS);
      peer.respond(held.streamId(), "held");
      Frame.Headers next = peer.next(Frame.Headers.class);
      assertEquals(3, next.streamId(), "the timed-out fetch never opened a stream");
      assertEquals("/after", path(next));
      peer.respond(next.streamId(), "after");
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    CompletableFuture<HttpResponse> held = client.fetch(server.url("/held"));
    ScriptedHttp2Server.awaitOneStreamInFlight(client);
    HttpRequest quick = HttpRequest.newBuilder(server.url("/quick"))
        .requestTimeout(Duration.ofMillis(100)).build();
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> client.fetch(quick).get(10, TimeUnit.SECONDS));
    assertInstanceOf(FetchTimeoutException.class, failed.getCause());
    timedOut.complete(null);
    assertEquals("held", held.get(10, TimeUnit.SECONDS).bodyString());
    assertEquals("after", client.fetch(server.url("/after")).get(10, TimeUnit.SECONDS)
        .bodyString());
    assertEquals(1, server.connections());
    client.close();
    server.verify();
  }

  @Test
  void aCombinatorCancelsItsLoserWithRstStreamAndTheConnectionStays() throws Exception {
    CompletableFuture<ErrorCode> loserReset = new CompletableFuture<>();
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(Http2Settings.DEFAULTS, true);
      Map<String, Integer> ids = new HashMap<>();
      for (int i = 0; i < 2; i++) {
        Frame.Headers headers = peer.next(Frame.Headers.class);
        ids.put(path(headers), headers.streamId());
      }
      peer.respond(ids.get("/fast"), "fast");
      Frame.RstStream reset = peer.next(Frame.RstStream.class);
      assertEquals(ids.get("/slow"), reset.streamId());
      loserReset.complete(reset.errorCode());
      peer.respond(peer.next(Frame.Headers.class).streamId(), "next");
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    CompletableFuture<HttpResponse> slow = client.fetch(server.url("/slow"));
    CompletableFuture<HttpResponse> fast = client.fetch(server.url("/fast"));
    HttpResponse winner = Futures.any(List.of(slow, fast), Remaining.CANCEL)
        .get(10, TimeUnit.SECONDS);
    assertEquals("fast", winner.bodyString());
    assertEquals(ErrorCode.CANCEL, loserReset.get(10, TimeUnit.SECONDS));
    assertEquals("next", client.fetch(server.url("/next")).get(10, TimeUnit.SECONDS)
        .bodyString());
    assertEquals(1, server.connections());
    client.close();
    server.verify();
  }
}
