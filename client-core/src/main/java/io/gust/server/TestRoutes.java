package io.gust.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import okio.Buffer;
import okio.ByteString;

/**
 * The routes that Gust's tests, the samples and applications' tests share. Install them with
 * {@link HttpServer.Builder#testRoutes()} or {@link #install(HttpServer.Builder, Duration,
 * Executor)}.
 *
 * <ul>
 *   <li>{@code /echo} (any method): the request back as {@code application/octet-stream}: its
 *       request line, its header fields as received, an empty line, then its body de-chunked;
 *       so the body is the request in wire form without its transfer framing.
 *   <li>{@code /get}: 200 {@code get\n}. {@code /hello}: 200 {@code hello\n}.
 *   <li>{@code /status/{code}} (any method): that status, body {@code {code}\n}.
 *   <li>{@code /delay/{ms}}: 200 {@code delayed {ms} ms\n} after a loop timer, never blocking.
 *   <li>{@code /redirect/{n}}: 302 to {@code /redirect/{n-1}}, and {@code /redirect/1} to
 *       {@code /get}.
 *   <li>{@code /bytes/{n}}: n bytes, byte i being {@code i % 251}, with Content-Length.
 *   <li>{@code /stream/{n}}: n chunks {@code chunk {i}\n}, each written after the previous one
 *       reached the socket.
 *   <li>{@code /gzip}: a gzip-encoded text body with {@code Content-Encoding: gzip}; it decodes
 *       to {@link #GZIP_TEXT}.
 *   <li>{@code /drip?bytes=N&duration=MS}: N bytes of {@code *} spread evenly over MS
 *       milliseconds by loop timers, with Content-Length (defaults 10 bytes, 1000 ms).
 *   <li>{@code /first}: blocks the loop thread with {@code Thread.sleep} for the first delay
 *       (default 1 s) on purpose, then 200 {@code handle first request\n}; {@code /second}: 200
 *       {@code handle second request\n} at once; {@code /first-offloaded}: the same sleep on an
 *       executor through {@link Handlers#offload}; {@code /first-async}: the same delay as a
 *       loop timer.
 *   <li>{@code /ws/echo}: a WebSocket route (permessage-deflate accepted) that sends every text
 *       or binary message back as it came, in the pull style: the next message is read once the
 *       echo was written, so a client that does not read its echoes is slowed down.
 * </ul>
 */
public final class TestRoutes {
  /** What {@code /gzip} decodes to. */
  public static final String GZIP_TEXT = "gust gzip test body\n".repeat(20);
  /** The default blocking time of {@code /first}. */
  public static final Duration DEFAULT_FIRST_DELAY = Duration.ofSeconds(1);
  private static final long MAX_BYTES = 256L * 1024 * 1024;
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
  private static final ExecutorService OFFLOAD = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "gust-offload-" + THREAD_NUMBER.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  private TestRoutes() {}

  /** Adds the routes with a 1 s {@code /first} and a shared daemon pool for offloading. */
  public static void install(HttpServer.Builder builder) {
    install(builder, DEFAULT_FIRST_DELAY, OFFLOAD);
  }

  /** Adds the routes; {@code /first} blocks for {@code firstDelay}, offloaded onto {@code executor}. */
  public static void install(HttpServer.Builder builder, Duration firstDelay, Executor executor) {
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(executor, "executor");
    builder.route("*", "/echo", TestRoutes::echo)
        .get("/get", request -> Response.ok("get\n"))
        .get("/hello", request -> Response.ok("hello\n"))
        .route("*", Pattern.compile("/status/(\\d{3})"), TestRoutes::status)
        .routeAsync("GET", Pattern.compile("/delay/(\\d{1,9})"), TestRoutes::delay)
        .get(Pattern.compile("/redirect/(\\d{1,9})"), TestRoutes::redirect)
        .get(Pattern.compile("/bytes/(\\d{1,12})"), TestRoutes::bytes)
        .get(Pattern.compile("/stream/(\\d{1,9})"), TestRoutes::stream)
        .get("/gzip", request -> gzip())
        .get("/drip", TestRoutes::drip)
        .get("/first", request -> {
          Thread.sleep(firstDelay.toMillis());
          return Response.ok("handle first request\n");
        })
        .get("/second", request -> Response.ok("handle second request\n"))
        .routeAsync("GET", "/first-offloaded", Handlers.offload(executor, request -> {
          Thread.sleep(firstDelay.toMillis());
          return Response.ok("handle first request\n");
        }))
        .routeAsync("GET", "/first-async", request -> after(request, firstDelay.toMillis(),
            Response.ok("handle first request\n")))
        .websocket("/ws/echo", TestRoutes::echoWebSocket);
  }

  /** Sends every message back as it came, receiving the next once the echo was written. */
  static void echoWebSocket(WebSocketSession session) {
    session.receive().thenAccept(message -> {
      if (message != null) {
        session.send(message).thenRun(() -> echoWebSocket(session));
      }
    });
  }

  private static Response echo(Request request) {
    Buffer out = new Buffer();
    out.writeUtf8(request.method()).writeByte(' ').writeUtf8(request.target()).writeByte(' ')
        .writeUtf8(request.protocol().toString()).writeUtf8("\r\n");
    for (int i = 0; i < request.headers().size(); i++) {
      out.writeUtf8(request.headers().name(i)).writeUtf8(": ")
          .writeUtf8(request.headers().value(i)).writeUtf8("\r\n");
    }
    out.writeUtf8("\r\n").write(request.body());
    return Response.of(200, out.readByteString(), "application/octet-stream");
  }

  private static Response status(Request request) {
    int code = Integer.parseInt(request.pathGroup(1));
    if (code < 200) {
      return Response.of(400, "status must be at least 200\n");
    }
    return code == 204 || code == 304 ? Response.status(code) : Response.of(code, code + "\n");
  }

  private static CompletableFuture<Response> delay(Request request) {
    long millis = Long.parseLong(request.pathGroup(1));
    return after(request, millis, Response.ok("delayed " + millis + " ms\n"));
  }

  private static CompletableFuture<Response> after(Request request, long millis, Response response) {
    CompletableFuture<Response> result = new CompletableFuture<>();
    request.loop().schedule(Duration.ofMillis(millis), () -> result.complete(response));
    return result;
  }

  private static Response redirect(Request request) {
    int hops = Integer.parseInt(request.pathGroup(1));
    String location = hops <= 1 ? "/get" : "/redirect/" + (hops - 1);
    return Response.of(302, "redirecting to " + location + "\n").withHeader("Location", location);
  }

  private static Response bytes(Request request) {
    long count = Long.parseLong(request.pathGroup(1));
    if (count > MAX_BYTES) {
      return Response.of(400, "at most " + MAX_BYTES + " bytes\n");
    }
    byte[] data = new byte[(int) count];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i % 251);
    }
    return Response.of(200, ByteString.of(data), "application/octet-stream");
  }

  private static Response stream(Request request) {
    int chunks = Integer.parseInt(request.pathGroup(1));
    return Response.streaming(200, writer -> writeChunks(writer, 0, chunks))
        .withHeader("Content-Type", "text/plain; charset=utf-8");
  }

  private static void writeChunks(BodyWriter writer, int next, int count) {
    if (next == count) {
      writer.close();
      return;
    }
    writer.write(ByteString.encodeUtf8("chunk " + next + "\n")).whenComplete((ok, error) -> {
      if (error == null) {
        writeChunks(writer, next + 1, count);
      }
    });
  }

  private static Response gzip() {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
      out.write(GZIP_TEXT.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Response.of(200, ByteString.of(compressed.toByteArray()), "text/plain; charset=utf-8")
        .withHeader("Content-Encoding", "gzip");
  }

  private static Response drip(Request request) {
    long count = parseOr(request.queryParameter("bytes"), 10);
    long durationMillis = parseOr(request.queryParameter("duration"), 1000);
    if (count < 0 || count > 10_000 || durationMillis < 0 || durationMillis > 60_000) {
      return Response.of(400, "bytes in [0, 10000], duration in [0, 60000] ms\n");
    }
    long intervalNanos = count == 0 ? 0 : Duration.ofMillis(durationMillis).toNanos() / count;
    return Response.streaming(200, count, writer -> dripOne(writer, count, intervalNanos))
        .withHeader("Content-Type", "application/octet-stream");
  }

  private static void dripOne(BodyWriter writer, long remaining, long intervalNanos) {
    if (remaining == 0) {
      writer.close();
      return;
    }
    writer.loop().schedule(Duration.ofNanos(intervalNanos), () ->
        writer.write(ByteString.encodeUtf8("*")).whenComplete((ok, error) -> {
          if (error == null) {
            dripOne(writer, remaining - 1, intervalNanos);
          }
        }));
  }

  private static long parseOr(String text, long fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
