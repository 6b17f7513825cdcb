package io.gust.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A misbehaving HTTP server for tests: each path runs a script that writes exact bytes to the
 * socket, however wrong, and the connection is closed when the script returns. One request per
 * connection; a thread per connection. Binds 127.0.0.1 on an ephemeral port.
 */
final class RawServer implements AutoCloseable {
  /** What a script sees of the request. */
  record Request(String method, String path, String head, byte[] body) {
    String bodyString() {
      return new String(body, StandardCharsets.ISO_8859_1);
    }
  }

  /** Answers one request by writing to the socket. */
  interface Script {
    void answer(Request request, OutputStream out, Socket socket) throws Exception;
  }

  private final ServerSocket listener;
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private final Thread acceptor;

  RawServer() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "raw-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Installs {@code script} for {@code path} (query excluded). */
  RawServer on(String path, Script script) {
    scripts.put(path, script);
    return this;
  }

  /** Installs a script that writes {@code wire} (ISO-8859-1) and closes. */
  RawServer on(String path, String wire) {
    byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
    return on(path, (request, out, socket) -> out.write(bytes));
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        Thread worker = new Thread(() -> serve(socket), "raw-server-conn");
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      Request request = read(socket.getInputStream());
      if (request == null) {
        return;
      }
      String path = request.path().contains("?")
          ? request.path().substring(0, request.path().indexOf('?')) : request.path();
      Script script = scripts.getOrDefault(path,
          (r, out, s) -> out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1)));
      OutputStream out = socket.getOutputStream();
      script.answer(request, out, socket);
      out.flush();
      socket.shutdownOutput();
      drain(socket.getInputStream());
    } catch (Exception e) {
      // The client hung up first, which the timeout and truncation cases expect.
    }
  }

  /** Reads until the client closes, so closing does not reset a connection with unread bytes. */
  private static void drain(InputStream in) throws IOException {
    byte[] sink = new byte[4096];
    while (in.read(sink) >= 0) {
      // discard
    }
  }

  private static Request read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return new Request(requestLine[0], requestLine[1], text, in.readNBytes(length));
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
