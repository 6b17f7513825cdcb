package io.gust.client;

import io.gust.http2.ErrorCode;
import io.gust.http2.Frame;
import io.gust.http2.FrameReader;
import io.gust.http2.FrameWriter;
import io.gust.http2.HeaderField;
import io.gust.http2.Http2Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okio.Buffer;
import okio.ByteString;

/**
 * A misbehaving HTTP/2 server for tests: it accepts h2c connections on 127.0.0.1 and runs the
 * test's script on each, one thread per connection, with raw frames written and read through the
 * production codec (so a script can send what a correct server never would). Blocking sockets
 * with a read timeout bound every step. {@link #verify()} rethrows what a script threw.
 */
final class ScriptedHttp2Server implements AutoCloseable {
  /** What the server does on its {@code index}th connection (0 first). */
  interface Script {
    void run(Peer peer, int index) throws Exception;
  }

  private final ServerSocket listener;
  private final Script script;
  private final List<CompletableFuture<Void>> runs = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  ScriptedHttp2Server(Script script) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.script = script;
    this.acceptor = new Thread(this::acceptLoop, "scripted-h2-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + listener.getLocalPort() + path;
  }

  int connections() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        socket.setSoTimeout(10_000);
        int index = accepted.getAndIncrement();
        CompletableFuture<Void> run = new CompletableFuture<>();
        synchronized (this) {
          sockets.add(socket);
          runs.add(run);
        }
        Thread thread = new Thread(() -> {
          try (socket) {
            script.run(new Peer(socket), index);
            run.complete(null);
          } catch (Throwable e) {
            run.completeExceptionally(e);
          }
        }, "scripted-h2-" + index);
        thread.setDaemon(true);
        thread.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Waits, with a bound, until {@code client}'s pool holds one connection with one stream open. */
  static void awaitOneStreamInFlight(AsyncHttpClient client) {
    io.gust.testing.Eventually.noComplaint(java.time.Duration.ofSeconds(5), () -> {
      PoolSnapshot snapshot = client.poolSnapshot().join();
      return snapshot.hosts().size() == 1
          && snapshot.hosts().get(0).streamsInFlight().equals(List.of(1)) ? null : "" + snapshot;
    });
  }

  /** Waits, with a bound, for every connection's script to end; rethrows a script's failure. */
  void verify() throws Exception {
    List<CompletableFuture<Void>> all;
    synchronized (this) {
      all = new ArrayList<>(runs);
    }
    for (CompletableFuture<Void> run : all) {
      run.get(15, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    synchronized (this) {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  /** The server's side of one connection. */
  static final class Peer {
    final FrameReader reader = new FrameReader();
    final FrameWriter writer = new FrameWriter();
    private final Socket socket;
    private final Buffer in = new Buffer();
    private final byte[] chunk = new byte[16384];

    Peer(Socket socket) {
      this.socket = socket;
    }

    /** Reads the preface and the client's SETTINGS; sends {@code settings}, and acks when asked. */
    Http2Settings handshake(Http2Settings settings, boolean ack) throws IOException {
      Http2Settings clientSettings = readPreface();
      sendSettings(settings, ack);
      return clientSettings;
    }

    /** Reads the preface and the client's SETTINGS, sending nothing yet. */
    Http2Settings readPreface() throws IOException {
      while (!FrameReader.readPreface(in)) {
        fill();
      }
      Frame first = next();
      if (!(first instanceof Frame.Settings clientSettings) || clientSettings.ack()) {
        throw new AssertionError("expected the client's SETTINGS, got " + first);
      }
      writer.applyPeerSettings(clientSettings.settings());
      return clientSettings.settings();
    }

    /** Sends the server's {@code settings}, with the ack of the client's when asked. */
    void sendSettings(Http2Settings settings, boolean ack) throws IOException {
      Buffer out = new Buffer();
      writer.settings(out, settings);
      if (ack) {
        writer.settingsAck(out);
      }
      send(out);
    }

    /** The next frame of any kind. */
    Frame next() throws IOException {
      for (Frame frame = reader.read(in); ; frame = reader.read(in)) {
        if (frame != null) {
          return frame;
        }
        fill();
      }
    }

    /** The next frame of {@code type}, skipping SETTINGS, WINDOW_UPDATE, PING and DATA frames. */
    <T extends Frame> T next(Class<T> type) throws IOException {
      while (true) {
        Frame frame = next();
        if (type.isInstance(frame)) {
          return type.cast(frame);
        }
        if (!(frame instanceof Frame.Settings || frame instanceof Frame.WindowUpdate
            || frame instanceof Frame.Ping || frame instanceof Frame.Data)) {
          throw new AssertionError("expected " + type.getSimpleName() + ", got " + frame);
        }
      }
    }

    /** True once the client closed the connection (EOF), reading and dropping frames. */
    boolean awaitClose() throws IOException {
      while (true) {
        int n = socket.getInputStream().read(chunk);
        if (n < 0) {
          return true;
        }
      }
    }

    private void fill() throws IOException {
      InputStream input = socket.getInputStream();
      int n = input.read(chunk);
      if (n < 0) {
        throw new IOException("client closed the connection");
      }
      in.write(chunk, 0, n);
    }

    void send(Buffer out) throws IOException {
      socket.getOutputStream().write(out.readByteArray());
      socket.getOutputStream().flush();
    }

    /** Sends a whole response: 200 with {@code body} (END_STREAM on the DATA frame). */
    void respond(int streamId, String body) throws IOException {
      Buffer out = new Buffer();
      writer.headers(out, streamId, false, List.of(new HeaderField(":status", "200"),
          new HeaderField("content-length", Integer.toString(body.length()))));
      Buffer data = new Buffer().writeUtf8(body);
      writer.data(out, streamId, true, data, (int) data.size());
      send(out);
    }

    void reset(int streamId, ErrorCode code) throws IOException {
      Buffer out = new Buffer();
      writer.rstStream(out, streamId, code);
      send(out);
    }

    void goAway(int lastStreamId, ErrorCode code) throws IOException {
      Buffer out = new Buffer();
      writer.goAway(out, lastStreamId, code, ByteString.EMPTY);
      send(out);
    }

    /**
     * Sends a PING and reads until its answer, returning the frames that came before it: the
     * client writes in order, so anything it sent before it saw the PING arrives first.
     */
    List<Frame> barrier() throws IOException {
      Buffer out = new Buffer();
      writer.ping(out, false, 0x5eed);
      send(out);
      List<Frame> before = new ArrayList<>();
      while (true) {
        Frame frame = next();
        if (frame instanceof Frame.Ping ping && ping.ack() && ping.opaqueData() == 0x5eed) {
          return before;
        }
        before.add(frame);
      }
    }
  }
}
