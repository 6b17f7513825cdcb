package io.gust.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HeldCertificate;

/**
 * A TLS terminator on 127.0.0.1 in front of a plain server: each TLS connection it accepts
 * (presenting {@code certificate}) is relayed byte for byte to {@code backendPort}, which turns an
 * HTTP proxy into an HTTPS proxy. It prefers {@code h2} by ALPN when offered, and records what
 * each connection agreed on. {@link #close()} closes the listener and every socket.
 */
public final class TlsFront implements AutoCloseable {
  private final ServerSocket listener;
  private final int backendPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  /** The ALPN protocol each accepted connection agreed on ("" for none), in order. */
  public final List<String> applicationProtocols = new CopyOnWriteArrayList<>();

  public TlsFront(HeldCertificate certificate, int backendPort) throws IOException {
    SSLServerSocket tls = (SSLServerSocket) TlsCertificates.serverContext(certificate)
        .getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
    tls.setSSLParameters(parameters);
    this.listener = tls;
    this.backendPort = backendPort;
    Thread acceptor = new Thread(this::acceptLoop, "tls-front");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
        sockets.add(client);
        sockets.add(backend);
        Thread relay = new Thread(() -> {
          try {
            ((SSLSocket) client).startHandshake();
            applicationProtocols.add(((SSLSocket) client).getApplicationProtocol());
          } catch (IOException e) {
            // A refused handshake: the relay below ends at once.
          }
          relay(client, backend);
        }, "tls-front-relay");
        relay.setDaemon(true);
        relay.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Copies bytes both ways until either side closes, then closes both. */
  public static void relay(Socket a, Socket b) {
    Thread back = new Thread(() -> copy(b, a), "relay-back");
    back.setDaemon(true);
    back.start();
    copy(a, b);
    try {
      back.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void copy(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // One side went away: the relay ends.
    }
    try {
      to.close();
      from.close();
    } catch (IOException e) {
      // Closing is best effort.
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
