package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.http2.ErrorCode;
import io.gust.http2.Frame;
import io.gust.http2.HeaderField;
import io.gust.http2.Http2Settings;
import io.gust.testing.LeakCheck;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The companion server's HTTP/2 connection against a client that writes exact frames: the
 * error paths no real client takes, flow control seen frame by frame, cancellation and floods.
 */
@Timeout(60)
class Http2RawFramesEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final CompletableFuture<Response> held = new CompletableFuture<>();
  private final CompletableFuture<Void> heldGone = new CompletableFuture<>();
  private HttpServer server;

  @BeforeEach
  void setUp() {
    server = HttpServer.builder().testRoutes().maxConcurrentStreams(3)
        .routeAsync("GET", "/held", request -> {
          request.clientGone().thenRun(() -> heldGone.complete(null));
          return held;
        })
        .build().start();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private RawHttp2 connect() throws IOException {
    return new RawHttp2(server).handshake();
  }

  /** Connects with SETTINGS announcing a stream window of {@code initialWindow} bytes. */
  private RawHttp2 connect(int initialWindow) throws IOException {
    return new RawHttp2(server).handshake(initialWindow(initialWindow));
  }

  private static Http2Settings initialWindow(int byteCount) {
    return Http2Settings.DEFAULTS.with(Http2Settings.INITIAL_WINDOW_SIZE, byteCount);
  }

  /** Reads the response on {@code streamId}: its status and body, skipping other frames. */
  private static String response(RawHttp2 raw, int streamId) throws IOException {
    StringBuilder out = new StringBuilder();
    for (Frame frame; (frame = raw.read()) != null; ) {
      if (frame instanceof Frame.Headers headers && headers.streamId() == streamId) {
        out.append(headers.fields().get(0).value()).append(' ');
        if (headers.endStream()) {
          return out.toString();
        }
      } else if (frame instanceof Frame.Data data && data.streamId() == streamId) {
        out.append(data.data().readUtf8());
        if (data.endStream()) {
          return out.toString();
        }
      } else if (frame instanceof Frame.RstStream reset && reset.streamId() == streamId) {
        return out + "reset " + reset.errorCode();
      } else if (frame instanceof Frame.GoAway goAway) {
        return out + "goaway " + goAway.errorCode();
      }
    }
    return out + "closed";
  }

  /** Asserts that {@code streamId} is answered 200 with the POSTed {@code body} echoed. */
  private static void assertEchoed(RawHttp2 raw, int streamId, String body) throws IOException {
    String answer = response(raw, streamId);
    assertTrue(answer.startsWith("200 POST /echo HTTP/2\r\n"), answer);
    assertTrue(answer.endsWith("\r\n\r\n" + body), answer);
  }

  /** Asserts that the connection still answers a request on {@code streamId}. */
  private static void assertStillServes(RawHttp2 raw, int streamId) throws IOException {
    raw.request(streamId, "GET", "/hello", true);
    assertEquals("200 hello\n", response(raw, streamId));
  }

  @Test
  void serverSendsSettingsAndAnswersPing() throws IOException {
    try (RawHttp2 raw = connect()) {
      Frame.Settings settings = raw.readUntil(Frame.Settings.class);
      assertEquals(3, settings.settings().maxConcurrentStreams());
      raw.send((writer, out) -> writer.ping(out, false, 0x1234_5678_9abcL));
      Frame.Ping ping = raw.readUntil(Frame.Ping.class);
      assertTrue(ping.ack());
      assertEquals(0x1234_5678_9abcL, ping.opaqueData());
    }
  }

  @Test
  void firstFrameOtherThanSettingsIsAProtocolError() throws IOException {
    try (RawHttp2 raw = new RawHttp2(server)) {
      Buffer out = new Buffer();
      raw.writer().preface(out);
      raw.writer().ping(out, false, 1);
      raw.send(out);
      assertEquals(ErrorCode.PROTOCOL_ERROR, raw.readGoAway());
      assertTrue(raw.readsToClose());
    }
  }

  @Test
  void almostThePrefaceIsAnsweredAsHttp11() throws IOException {
    try (RawConnection raw = new RawConnection(server)) {
      String answer = raw.send("PRI * HTTP/2.0\r\n\r\nXY\r\n\r\n").readUntilClose();
      assertTrue(answer.startsWith("HTTP/1.1 4") || answer.startsWith("HTTP/1.1 5"), answer);
    }
  }

  @Test
  void oversizedFrameIsAFrameSizeError() throws IOException {
    try (RawHttp2 raw = connect()) {
      raw.request(1, "POST", "/echo", false);
      Buffer frame = new Buffer();
      int length = Http2Settings.MIN_MAX_FRAME_SIZE + 1;
      frame.writeByte(length >>> 16).writeByte(length >>> 8).writeByte(length)
          .writeByte(0).writeByte(0).writeInt(1).write(new byte[length]);
      raw.send(frame);
      assertEquals(ErrorCode.FRAME_SIZE_ERROR, raw.readGoAway());
    }
  }

  @Test
  void reusedStreamIdEndsTheConnection() throws IOException {
    try (RawHttp2 raw = connect()) {
      assertStillServes(raw, 3);
      raw.request(3, "GET", "/hello", true);
      assertEquals(ErrorCode.STREAM_CLOSED, raw.readGoAway());
    }
  }

  @Test
  void evenStreamIdIsAProtocolError() throws IOException {
    try (RawHttp2 raw = connect()) {
      raw.request(2, "GET", "/hello", true);
      assertEquals(ErrorCode.PROTOCOL_ERROR, raw.readGoAway());
    }
  }

  @Test
  void connectionWindowOverflowIsAFlowControlError() throws IOException {
    try (RawHttp2 raw = connect()) {
      raw.send((writer, out) -> writer.windowUpdate(out, 0, Integer.MAX_VALUE));
      assertEquals(ErrorCode.FLOW_CONTROL_ERROR, raw.readGoAway());
    }
  }

  @Test
  void streamWindowOverflowResetsOnlyThatStream() throws IOException {
    try (RawHttp2 raw = connect()) {
      raw.request(1, "GET", "/held", true);
      raw.send((writer, out) -> writer.windowUpdate(out, 1, Integer.MAX_VALUE));
      assertEquals("reset FLOW_CONTROL_ERROR", response(raw, 1));
      assertStillServes(raw, 3);
    }
  }

  @Test
  void headersAfterEndStreamResetTheStreamAndTheConnectionGoesOn() throws Exception {
    try (RawHttp2 raw = connect()) {
      raw.request(1, "GET", "/held", true);
      raw.request(1, "GET", "/held", true);
      assertEquals("reset STREAM_CLOSED", response(raw, 1));
      heldGone.get(5, TimeUnit.SECONDS);
      assertTrue(held.isCancelled(), "the handler's stage is cancelled with its stream");
      assertStillServes(raw, 3);
    }
  }

  @Test
  void clientResetCancelsTheHandlerAndSparesOtherStreams() throws Exception {
    try (RawHttp2 raw = connect()) {
      raw.request(1, "GET", "/held", true);
      raw.request(3, "GET", "/delay/50", true);
      raw.send((writer, out) -> writer.rstStream(out, 1, ErrorCode.CANCEL));
      heldGone.get(5, TimeUnit.SECONDS);
      assertTrue(held.isCancelled());
      assertEquals("200 delayed 50 ms\n", response(raw, 3));
    }
  }

  @Test
  void streamsPastTheLimitAreRefused() throws Exception {
    try (RawHttp2 raw = connect()) {
      raw.request(1, "GET", "/held", true);
      raw.request(3, "GET", "/delay/200", true);
      raw.request(5, "GET", "/delay/200", true);
      raw.request(7, "GET", "/hello", true);
      assertEquals("reset REFUSED_STREAM", response(raw, 7));
      held.complete(Response.ok("released\n"));
      assertEquals("200 released\n", response(raw, 1));
    }
  }

  @Test
  void responseWaitsForTheClientsWindow() throws IOException {
    try (RawHttp2 raw = connect(10)) {
      raw.request(1, "GET", "/bytes/100", true);
      Frame.Data first = raw.readUntil(Frame.Data.class);
      assertEquals(10, first.data().size());
      assertTrue(!first.endStream());
      raw.send((writer, out) -> writer.windowUpdate(out, 1, 90));
      Frame.Data rest = raw.readUntil(Frame.Data.class);
      assertEquals(90, rest.data().size());
      assertTrue(rest.endStream());
    }
  }

  @Test
  void aStreamOutOfWindowDoesNotHoldUpTheOthers() throws IOException {
    try (RawHttp2 raw = connect(10)) {
      raw.request(1, "GET", "/bytes/100", true);
      assertStillServes(raw, 3);
    }
  }

  @Test
  void responseWaitsForTheConnectionWindowThenGoesOn() throws IOException {
    try (RawHttp2 raw = connect(1 << 20)) {
      raw.request(1, "GET", "/bytes/100000", true);
      long received = 0;
      while (received < 65_535) {
        received += raw.readUntil(Frame.Data.class).data().size();
      }
      assertEquals(65_535, received, "no more than the connection's default window");
      raw.send((writer, out) -> writer.windowUpdate(out, 0, 100_000));
      Frame.Data data;
      do {
        data = raw.readUntil(Frame.Data.class);
        received += data.data().size();
      } while (!data.endStream());
      assertEquals(100_000, received);
    }
  }

  @Test
  void paddedBodyAndTrailersReachTheHandler() throws IOException {
    try (RawHttp2 raw = connect()) {
      raw.request(1, "POST", "/echo", false);
      Buffer frame = new Buffer();
      byte[] body = "padded".getBytes();
      int length = 1 + body.length + 4;
      frame.writeByte(0).writeByte(0).writeByte(length).writeByte(0).writeByte(0x8)
          .writeInt(1).writeByte(4).write(body).write(new byte[4]);
      raw.send(frame);
      Buffer trailers = new Buffer();
      raw.writer().headers(trailers, 1, true, List.of(new HeaderField("x-check", "1")));
      raw.send(trailers);
      assertEchoed(raw, 1, "padded");
    }
  }

  @Test
  void expectContinueIsAnsweredWith100BeforeTheBody() throws IOException {
    try (RawHttp2 raw = connect()) {
      raw.request(1, "POST", "/echo", false, new HeaderField("expect", "100-continue"));
      Frame.Headers interim = raw.readUntil(Frame.Headers.class);
      assertEquals("100", interim.fields().get(0).value());
      raw.data(1, true, "after 100");
      assertEchoed(raw, 1, "after 100");
    }
  }

  @Test
  void headerListPastTheLimitIsAnswered431() throws IOException {
    try (RawHttp2 raw = connect()) {
      raw.request(1, "GET", "/hello", true, new HeaderField("x-big", "a".repeat(20_000)));
      assertEquals("431 request header fields too large\n", response(raw, 1));
      assertStillServes(raw, 3);
    }
  }

  @Test
  void rapidResetFloodEndsWithEnhanceYourCalm() throws IOException {
    try (RawHttp2 raw = connect()) {
      Buffer out = new Buffer();
      for (int id = 1; id < 2 * 2000; id += 2) {
        raw.writer().headers(out, id, true, RawHttp2.requestHead("GET", "/delay/5000"));
        raw.writer().rstStream(out, id, ErrorCode.CANCEL);
      }
      raw.send(out);
      assertEquals(ErrorCode.ENHANCE_YOUR_CALM, raw.readGoAway());
    }
    try (RawHttp2 raw = connect()) {
      assertStillServes(raw, 1);
    }
  }

  @Test
  void pingFloodEndsWithEnhanceYourCalm() throws IOException {
    try (RawHttp2 raw = connect()) {
      Buffer out = new Buffer();
      for (int i = 0; i < 5000; i++) {
        raw.writer().ping(out, false, i);
      }
      raw.send(out);
      assertEquals(ErrorCode.ENHANCE_YOUR_CALM, raw.readGoAway());
    }
  }

  @Test
  void shutdownSendsGoAwayAndFinishesStreamsInFlight() throws Exception {
    try (RawHttp2 raw = connect()) {
      raw.request(1, "GET", "/held", true);
      raw.readUntil(Frame.Settings.class);
      CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
      Frame.GoAway goAway = raw.readUntil(Frame.GoAway.class);
      assertEquals(ErrorCode.NO_ERROR, goAway.errorCode());
      assertEquals(1, goAway.lastStreamId());
      held.complete(Response.ok("finished\n"));
      assertEquals("200 finished\n", response(raw, 1));
      assertTrue(raw.readsToClose());
      closed.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void idleConnectionIsSentGoAwayAndClosed() throws IOException {
    try (HttpServer idle = HttpServer.builder().testRoutes().idleTimeout(Duration.ofMillis(200))
        .build().start(); RawHttp2 raw = new RawHttp2(idle).handshake()) {
      assertStillServes(raw, 1);
      Frame.GoAway goAway = raw.readUntil(Frame.GoAway.class);
      assertEquals(ErrorCode.NO_ERROR, goAway.errorCode());
      assertEquals(1, goAway.lastStreamId());
      assertTrue(raw.readsToClose());
    }
  }

  @Test
  void streamWhoseWindowTheClientNeverOpensIsResetAfterTheReadTimeout() throws IOException {
    try (HttpServer slow = HttpServer.builder().testRoutes()
        .bodyReadTimeout(Duration.ofMillis(200)).build().start();
        RawHttp2 raw = new RawHttp2(slow).handshake(initialWindow(0))) {
      raw.request(1, "GET", "/bytes/100", true);
      assertEquals("200 reset CANCEL", response(raw, 1));
    }
  }

  @Test
  void pushPromiseFromAClientIsAProtocolError() throws IOException {
    try (RawHttp2 raw = connect()) {
      Buffer frame = new Buffer();
      frame.writeByte(0).writeByte(0).writeByte(4).writeByte(5).writeByte(0x4).writeInt(1)
          .writeInt(2);
      raw.send(frame);
      assertEquals(ErrorCode.PROTOCOL_ERROR, raw.readGoAway());
    }
  }

  @Test
  void bodyLongerThanItsContentLengthResetsTheStream() throws IOException {
    try (RawHttp2 raw = connect()) {
      raw.request(1, "POST", "/echo", false, new HeaderField("content-length", "3"));
      raw.data(1, true, "four");
      assertEquals("reset PROTOCOL_ERROR", response(raw, 1));
    }
  }

}
