package io.gust.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw loopback server that misbehaves on purpose: each accepted connection runs a {@link Script}
 * on its own thread, writing whatever bytes the test wants. Counts connections accepted and the
 * most open at once. {@link #close()} closes the listener and every accepted socket.
 */
public final class ScriptedServer implements AutoCloseable {
  /** What one connection does; {@code index} counts accepted connections from 0. */
  @FunctionalInterface
  public interface Script {
    void run(Socket socket, int index) throws Exception;
  }

  private final ServerSocket listener;
  private final Script script;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();
  private final Thread acceptor;

  private ScriptedServer(Script script) throws IOException {
    this.listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
    this.script = script;
    this.acceptor = new Thread(this::acceptLoop, "scripted-server-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  public static ScriptedServer start(Script script) throws IOException {
    return new ScriptedServer(script);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** {@code http://127.0.0.1:port} plus {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public int acceptedCount() {
    return accepted.get();
  }

  public int maxOpenCount() {
    return maxOpen.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return;
      }
      int index = accepted.getAndIncrement();
      sockets.add(socket);
      maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      Thread worker = new Thread(() -> serve(socket, index), "scripted-conn-" + index);
      worker.setDaemon(true);
      worker.start();
    }
  }

  private void serve(Socket socket, int index) {
    try (socket) {
      script.run(socket, index);
    } catch (Exception e) {
      // The client went away or the test closed the server: both are expected here.
    } finally {
      open.decrementAndGet();
      sockets.remove(socket);
    }
  }

  /** Reads one request head (through the blank line); null at end of stream. */
  public static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  /** Reads exactly {@code count} bytes. */
  public static byte[] readBytes(InputStream in, int count) throws IOException {
    return in.readNBytes(count);
  }

  /** Writes {@code text} as ISO-8859-1 and flushes. */
  public static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * The first connection answers one request ("ok"), then closes when the next one arrives, as a
   * server does that timed out the idle connection just as it was reused; every later connection
   * answers "fresh". For the client's retry on a fresh connection.
   */
  public static void staleAfterFirstAnswer(Socket socket, int index) throws IOException {
    InputStream in = socket.getInputStream();
    readHead(in);
    if (index == 0) {
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      readHead(in);
      return;
    }
    write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh");
    in.read();
  }

  /** Answers every request on the connection with a small 200 until the client closes. */
  public static void keepAliveOk(Socket socket, int index) throws IOException {
    InputStream in = socket.getInputStream();
    while (readHead(in) != null) {
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    try {
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
