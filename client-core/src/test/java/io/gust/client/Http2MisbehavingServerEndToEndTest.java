package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.concurrent.Futures;
import io.gust.http2.ErrorCode;
import io.gust.http2.Frame;
import io.gust.http2.HeaderField;
import io.gust.http2.Http2Settings;
import io.gust.testing.LeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP/2 client against a scripted server that misbehaves on purpose, frame by frame: GOAWAY
 * mid-flight, REFUSED_STREAM, exhausted windows, a shrinking stream limit, oversized frames,
 * header blocks over CONTINUATION, SETTINGS never acknowledged, cancellation.
 */
@Timeout(60)
class Http2MisbehavingServerEndToEndTest {
  private static final Http2Settings PLAIN = Http2Settings.DEFAULTS;

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private AsyncHttpClient client() {
    return leaks.track(AsyncHttpClient.builder().protocols(Protocol.HTTP_2)
        .connectTimeout(Duration.ofSeconds(2)).build());
  }

  @Test
  void goAwayMidFlightRetriesTheUnprocessedStreamsElsewhere() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN, true);
      if (index == 0) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          ids.add(peer.next(Frame.Headers.class).streamId());
        }
        peer.goAway(ids.get(0), ErrorCode.NO_ERROR);
        peer.respond(ids.get(0), "first");
        peer.awaitClose();
      } else {
        for (int i = 0; i < 2; i++) {
          peer.respond(peer.next(Frame.Headers.class).streamId(), "again");
        }
        peer.awaitClose();
      }
    }));
    AsyncHttpClient client = client();
    List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      all.add(client.fetch(server.url("/" + i)));
    }
    List<String> bodies = new ArrayList<>();
    for (HttpResponse response : Futures.all(all).get(20, TimeUnit.SECONDS)) {
      bodies.add(response.bodyString());
    }
    bodies.sort(null);
    assertEquals(List.of("again", "again", "first"), bodies);
    assertEquals(2, server.connections());
    client.close();
    server.verify();
  }

  @Test
  void refusedStreamIsRetriedAndThenSucceeds() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN, true);
      peer.reset(peer.next(Frame.Headers.class).streamId(), ErrorCode.REFUSED_STREAM);
      peer.respond(peer.next(Frame.Headers.class).streamId(), "ok");
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    HttpRequest post = HttpRequest.newBuilder(server.url("/p"))
        .method("POST", RequestBody.ofString("body", "text/plain")).build();
    HttpResponse response = client.fetch(post).get(10, TimeUnit.SECONDS);
    assertEquals("ok", response.bodyString());
    assertEquals(1, response.retryCount());
    assertEquals(1, server.connections());
    client.close();
    server.verify();
  }

  @Test
  void refusingForeverEndsInATypedErrorWithinTheBudget() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN, true);
      for (int i = 0; i <= Http2Retries.BUDGET; i++) {
        peer.reset(peer.next(Frame.Headers.class).streamId(), ErrorCode.REFUSED_STREAM);
      }
      peer.awaitClose();
    }));
    List<EventListener.AttemptReason> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().protocols(Protocol.HTTP_2)
        .eventListenerFactory(request -> new EventListener() {
          @Override
          public void attemptStart(int attempt, HttpRequest sent, AttemptReason reason) {
            reasons.add(reason);
          }
        }).build());
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> client.fetch(server.url("/r")).get(10, TimeUnit.SECONDS));
    assertEquals(List.of(EventListener.AttemptReason.FIRST, EventListener.AttemptReason.RETRY,
        EventListener.AttemptReason.RETRY, EventListener.AttemptReason.RETRY), reasons,
        "every attempt after the first is a retry, whatever the count");
    Http2StreamException refused = assertInstanceOf(Http2StreamException.class,
        failure.getCause());
    assertEquals("REFUSED_STREAM", refused.errorName());
    assertEquals(7, refused.errorCode());
    assertTrue(refused.isUnprocessed());
    client.close();
    server.verify();
  }

  @Test
  void resetAfterProcessingFailsWithTheServersCode() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN, true);
      peer.reset(peer.next(Frame.Headers.class).streamId(), ErrorCode.INTERNAL_ERROR);
      peer.respond(peer.next(Frame.Headers.class).streamId(), "still here");
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> client.fetch(server.url("/x")).get(10, TimeUnit.SECONDS));
    Http2StreamException reset = assertInstanceOf(Http2StreamException.class, failure.getCause());
    assertEquals("INTERNAL_ERROR", reset.errorName());
    assertFalse(reset.isUnprocessed());
    assertEquals("still here", client.fetch(server.url("/y")).get(10, TimeUnit.SECONDS)
        .bodyString());
    client.close();
    server.verify();
  }

  @Test
  void uploadWaitsForWindowCreditAndNeverOverrunsIt() throws Exception {
    String body = "b".repeat(100);
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN.with(Http2Settings.INITIAL_WINDOW_SIZE, 10), true);
      peer.respond(peer.next(Frame.Headers.class).streamId(), "settings known");
      int id = peer.next(Frame.Headers.class).streamId();
      Buffer received = new Buffer();
      while (received.size() < 10) {
        Buffer data = peer.next(Frame.Data.class).data();
        received.write(data, data.size());
      }
      for (Frame early : peer.barrier()) {
        if (early instanceof Frame.Data) {
          throw new AssertionError("DATA past the window: " + early);
        }
      }
      Buffer out = new Buffer();
      peer.writer.windowUpdate(out, id, 90);
      peer.send(out);
      long total = 10;
      boolean ended = false;
      while (!ended) {
        Frame.Data data = peer.next(Frame.Data.class);
        total += data.data().size();
        ended = data.endStream();
      }
      assertEquals(100, total);
      peer.respond(id, "got " + total);
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    client.fetch(server.url("/first")).get(10, TimeUnit.SECONDS);
    HttpRequest post = HttpRequest.newBuilder(server.url("/up"))
        .method("POST", RequestBody.ofString(body, "text/plain")).build();
    assertEquals("got 100", client.fetch(post).get(10, TimeUnit.SECONDS).bodyString());
    client.close();
    server.verify();
  }

  @Test
  void shrunkenStreamLimitIsHonoured() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN, true);
      Buffer out = new Buffer();
      peer.writer.settings(out, PLAIN.with(Http2Settings.MAX_CONCURRENT_STREAMS, 1));
      peer.send(out);
      int first = -1;
      int acks = 0;
      while (first < 0 || acks < 2) {
        Frame frame = peer.next();
        if (frame instanceof Frame.Headers headers) {
          first = headers.streamId();
        } else if (frame instanceof Frame.Settings settings && settings.ack()) {
          acks++;
        }
      }
      peer.respond(first, "first");
      for (int i = 0; i < 3; i++) {
        int id = peer.next(Frame.Headers.class).streamId();
        for (Frame early : peer.barrier()) {
          if (early instanceof Frame.Headers) {
            throw new AssertionError("a second stream while one was open: " + early);
          }
        }
        peer.respond(id, "r" + i);
      }
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    assertEquals("first", client.fetch(server.url("/0")).get(10, TimeUnit.SECONDS).bodyString());
    List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      all.add(client.fetch(server.url("/" + i)));
    }
    assertEquals(3, Futures.all(all).get(15, TimeUnit.SECONDS).size());
    assertEquals(1, server.connections());
    client.close();
    server.verify();
  }

  @Test
  void oversizedFrameEndsTheConnectionWithFrameSizeError() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN, true);
      int id = peer.next(Frame.Headers.class).streamId();
      Buffer out = new Buffer();
      peer.writer.headers(out, id, false, List.of(new HeaderField(":status", "200")));
      writeRawDataHeader(out, 20_000, id);
      out.write(new byte[20_000]);
      peer.send(out);
      Frame.GoAway goAway = peer.next(Frame.GoAway.class);
      assertEquals(ErrorCode.FRAME_SIZE_ERROR, goAway.errorCode());
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> client.fetch(server.url("/big")).get(10, TimeUnit.SECONDS));
    assertInstanceOf(HttpClientException.class, failure.getCause());
    server.verify();
  }

  private static void writeRawDataHeader(Buffer out, int length, int streamId) {
    out.writeByte(length >>> 16).writeByte(length >>> 8).writeByte(length);
    out.writeByte(0).writeByte(1).writeInt(streamId);
  }

  @Test
  void headerBlockSplitOverContinuationFrames() throws Exception {
    String large = "v".repeat(40_000);
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN, true);
      int id = peer.next(Frame.Headers.class).streamId();
      Buffer out = new Buffer();
      peer.writer.headers(out, id, true, List.of(new HeaderField(":status", "204"),
          new HeaderField("x-large", large)));
      peer.send(out);
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    HttpResponse response = client.fetch(server.url("/c")).get(10, TimeUnit.SECONDS);
    assertEquals(204, response.code());
    assertEquals(large, response.header("x-large"));
    client.close();
    server.verify();
  }

  @Test
  void settingsNeverAcknowledgedEndsTheConnection() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN, false);
      peer.next(Frame.Headers.class);
      Frame.GoAway goAway = peer.next(Frame.GoAway.class);
      assertEquals(ErrorCode.SETTINGS_TIMEOUT, goAway.errorCode());
      peer.awaitClose();
    }));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().protocols(Protocol.HTTP_2)
        .connectTimeout(Duration.ofMillis(300)).build());
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> client.fetch(server.url("/s")).get(10, TimeUnit.SECONDS));
    assertTrue(failure.getCause().getMessage().contains("SETTINGS"),
        failure.getCause().getMessage());
    server.verify();
  }

  @Test
  void cancellingResetsTheStreamAndKeepsTheConnection() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN, true);
      int id = peer.next(Frame.Headers.class).streamId();
      Frame.RstStream reset = peer.next(Frame.RstStream.class);
      assertEquals(id, reset.streamId());
      assertEquals(ErrorCode.CANCEL, reset.errorCode());
      peer.respond(peer.next(Frame.Headers.class).streamId(), "next");
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    CompletableFuture<HttpResponse> first = client.fetch(server.url("/slow"));
    ScriptedHttp2Server.awaitOneStreamInFlight(client);
    first.cancel(true);
    HttpResponse next = client.fetch(server.url("/next")).get(10, TimeUnit.SECONDS);
    assertEquals("next", next.bodyString());
    assertTrue(next.isConnectionReused());
    client.close();
    server.verify();
  }

  @Test
  void requestTimeoutResetsTheStreamAndKeepsTheConnection() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN, true);
      int id = peer.next(Frame.Headers.class).streamId();
      Frame.RstStream reset = peer.next(Frame.RstStream.class);
      assertEquals(id, reset.streamId());
      peer.respond(peer.next(Frame.Headers.class).streamId(), "in time");
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    HttpRequest slow = HttpRequest.newBuilder(server.url("/slow"))
        .requestTimeout(Duration.ofMillis(300)).build();
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> client.fetch(slow).get(10, TimeUnit.SECONDS));
    assertInstanceOf(FetchTimeoutException.class, failure.getCause());
    HttpResponse next = client.fetch(server.url("/next")).get(10, TimeUnit.SECONDS);
    assertEquals("in time", next.bodyString());
    assertTrue(next.isConnectionReused());
    client.close();
    server.verify();
  }

  @Test
  void requestHeadersPastTheServersListLimitFailBeforeAnyFrame() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN.with(Http2Settings.MAX_HEADER_LIST_SIZE, 600), true);
      Frame.Headers first = peer.next(Frame.Headers.class);
      peer.respond(first.streamId(), "small");
      Frame.Headers second = peer.next(Frame.Headers.class);
      assertEquals(first.streamId() + 2, second.streamId(), "the large head never went out");
      peer.respond(second.streamId(), "small again");
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    assertEquals("small", client.fetch(server.url("/a")).get(10, TimeUnit.SECONDS).bodyString());
    HttpRequest large = HttpRequest.newBuilder(server.url("/b"))
        .header("x-large", "l".repeat(1000)).build();
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> client.fetch(large).get(10, TimeUnit.SECONDS));
    assertEquals(Phase.WRITE, ((HttpClientException) failure.getCause()).phase());
    assertEquals("small again",
        client.fetch(server.url("/c")).get(10, TimeUnit.SECONDS).bodyString());
    client.close();
    server.verify();
  }

  @Test
  void dataPastTheContentLengthResetsTheStream() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN, true);
      int id = peer.next(Frame.Headers.class).streamId();
      Buffer out = new Buffer();
      peer.writer.headers(out, id, false, List.of(new HeaderField(":status", "200"),
          new HeaderField("content-length", "3")));
      Buffer data = new Buffer().writeUtf8("12345");
      peer.writer.data(out, id, true, data, 5);
      peer.send(out);
      assertEquals(ErrorCode.PROTOCOL_ERROR, peer.next(Frame.RstStream.class).errorCode());
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> client.fetch(server.url("/long")).get(10, TimeUnit.SECONDS));
    assertEquals("PROTOCOL_ERROR",
        assertInstanceOf(Http2StreamException.class, failure.getCause()).errorName());
    client.close();
    server.verify();
  }

  @Test
  void aLongWaitForAStreamOpensASecondConnection() throws Exception {
    CompletableFuture<Void> secondAnswered = new CompletableFuture<>();
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(PLAIN.with(Http2Settings.MAX_CONCURRENT_STREAMS, 1), true);
      if (index == 0) {
        peer.respond(peer.next(Frame.Headers.class).streamId(), "settings known");
      }
      int id = peer.next(Frame.Headers.class).streamId();
      if (index == 0) {
        secondAnswered.get(10, TimeUnit.SECONDS);
      } else {
        secondAnswered.complete(null);
      }
      peer.respond(id, "connection " + index);
      peer.awaitClose();
    }));
    AsyncHttpClient client = client();
    client.fetch(server.url("/first")).get(10, TimeUnit.SECONDS);
    CompletableFuture<HttpResponse> held = client.fetch(server.url("/held"));
    ScriptedHttp2Server.awaitOneStreamInFlight(client);
    HttpResponse second = client.fetch(server.url("/waits")).get(10, TimeUnit.SECONDS);
    assertEquals("connection 1", second.bodyString());
    assertEquals("connection 0", held.get(10, TimeUnit.SECONDS).bodyString());
    assertEquals(2, server.connections());
    client.close();
    server.verify();
  }
}
