package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.gust.client.WebSocketOptions;
import io.gust.loop.EventLoop;
import io.gust.websocket.CloseCodes;
import io.gust.websocket.PythonWebSockets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okio.ByteString;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The WebSocket end-to-end tests' server, as a JUnit extension: a loop of its own and a server
 * with the test routes plus routes that misbehave or record on purpose, started before each test;
 * after it the server is closed and the loop must hold no more timers than before. Register it
 * after {@link io.gust.testing.LeakCheck}, so that its close runs before the leak checks.
 */
final class WebSocketRoutes implements BeforeEachCallback, AfterEachCallback {
  final EventLoop loop = EventLoop.create();
  /** What the listener routes heard, one line per event. */
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  /** The session of {@code /ws/hold}, once its first message arrived. */
  final CompletableFuture<WebSocketSession> held = new CompletableFuture<>();
  /** How {@code /ws/flood}'s sends ended: the refusal, or null when all were queued. */
  final CompletableFuture<Throwable> floodRefusal = new CompletableFuture<>();
  HttpServer server;
  private int baselineTimers;

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    baselineTimers = pendingTimers();
    server = HttpServer.builder().loop(loop)
        .websocket("/ws/close-on-message", new Recorder() {
          @Override
          public void onText(WebSocketSession session, String text) {
            session.close(4000, "bye");
          }
        })
        .websocket("/ws/ping", new Recorder() {
          @Override
          public void onOpen(WebSocketSession session) {
            super.onOpen(session);
            session.ping(ByteString.encodeUtf8("hi"));
          }

          @Override
          public void onPong(WebSocketSession session, ByteString payload) {
            super.onPong(session, payload);
            session.sendText("pong:" + payload.utf8());
          }
        })
        .websocket("/ws/small", WebSocketOptions.builder().maxMessageBytes(1024).build(),
            TestRoutes::echoWebSocket)
        .websocket("/ws/hold", session -> session.receive().thenRun(() -> held.complete(session)))
        .websocket("/ws/keepalive", WebSocketOptions.builder()
            .pingInterval(Duration.ofMillis(200)).build(), new Recorder())
        .websocket("/ws/close-timeout", WebSocketOptions.builder()
            .closeTimeout(Duration.ofMillis(300)).build(), new Recorder() {
              @Override
              public void onOpen(WebSocketSession session) {
                super.onOpen(session);
                session.close(CloseCodes.NORMAL, "bye");
              }
            })
        .websocket("/ws/flood", WebSocketOptions.builder().sendQueueBytes(256 * 1024).build(),
            this::flood)
        .websocket("/ws/listener", new Recorder())
        .websocket("/ws/chat", WebSocketOptions.builder().subprotocols(List.of("chat", "superchat"))
            .build(), new Recorder() {
              @Override
              public void onOpen(WebSocketSession session) {
                session.sendText("server chose " + session.subprotocol());
              }
            })
        .websocket("/ws/throws", new Recorder() {
          @Override
          public void onText(WebSocketSession session, String text) {
            throw new IllegalStateException("handler bug");
          }
        })
        .websocket("/ws/keepalive-ok", WebSocketOptions.builder()
            .pingInterval(Duration.ofMillis(100)).build(), new Recorder() {
              private int pongs;

              @Override
              public void onPong(WebSocketSession session, ByteString payload) {
                if (++pongs == 3) {
                  session.close(CloseCodes.NORMAL, "three pongs");
                }
              }
            })
        .testRoutes()
        .build().start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    server.close();
    assertEquals(baselineTimers, pendingTimers(), "timers left behind on the loop");
    loop.close();
  }

  private int pendingTimers() throws Exception {
    return CompletableFuture.supplyAsync(() -> loop.stats().pendingTimers(), loop::execute)
        .get(5, TimeUnit.SECONDS);
  }

  /** Sends 64 KiB messages to a client that never reads until the bounded queue refuses one. */
  private void flood(WebSocketSession session) {
    ByteString chunk = ByteString.of(new byte[65536]);
    for (int i = 0; i < 2000; i++) {
      CompletableFuture<Void> sent = session.sendBinary(chunk);
      if (sent.isCompletedExceptionally()) {
        sent.whenComplete((ok, error) -> floodRefusal.complete(error));
        return;
      }
    }
    floodRefusal.complete(null);
  }

  /** Runs the python client against {@link #server}; returns its lines once it exited 0. */
  List<String> runPython(String path, String scenario) throws Exception {
    return runPython(server, path, scenario);
  }

  /** Starts session_client.py on {@code path} of {@link #server} with the scenario. */
  Process startPython(String path, String... scenario) throws Exception {
    return startPython(server, path, scenario);
  }

  /** Starts session_client.py on {@code path} of {@code server} with the scenario. */
  static Process startPython(HttpServer server, String path, String... scenario)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(Integer.toString(server.port()), path));
    args.addAll(List.of(scenario));
    return PythonWebSockets.start("session_client.py", args.toArray(new String[0]));
  }

  /** Runs session_client.py with the scenario against {@code server}; returns its stdout lines. */
  static List<String> runPython(HttpServer server, String path, String... scenario)
      throws Exception {
    Process client = startPython(server, path, scenario);
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        lines.add(line);
      }
    }
    assertEquals(0, PythonWebSockets.awaitExit(client), () -> "the python client failed after " + lines);
    return lines;
  }

  /** The next listener event, waiting at most 10 s. */
  String poll() throws InterruptedException {
    String event = events.poll(10, TimeUnit.SECONDS);
    assertNotNull(event, "no listener event within 10 s");
    return event;
  }

  /** Asserts that the next listener events are {@code expected}, in order. */
  void assertEvents(String... expected) throws InterruptedException {
    for (String event : expected) {
      assertEquals(event, poll());
    }
  }

  /** Records every event of its sessions as one line in {@link #events}. */
  class Recorder implements WebSocketListener {
    @Override
    public void onOpen(WebSocketSession session) {
      events.add("open");
    }

    @Override
    public void onText(WebSocketSession session, String text) {
      events.add("text " + text);
    }

    @Override
    public void onBinary(WebSocketSession session, ByteString data) {
      events.add("binary " + data);
    }

    @Override
    public void onPing(WebSocketSession session, ByteString payload) {
      events.add("ping " + payload.utf8());
    }

    @Override
    public void onPong(WebSocketSession session, ByteString payload) {
      events.add("pong " + payload.utf8());
    }

    @Override
    public void onClose(WebSocketSession session, int code, String reason) {
      events.add("close " + code + " " + reason);
    }

    @Override
    public void onError(WebSocketSession session, Throwable error) {
      events.add("error " + error);
    }
  }
}
