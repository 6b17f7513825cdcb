package io.gust.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback listener that never answers: its accept queue (backlog 1) is filled by two
 * connections nobody accepts, so Linux drops further SYNs and a connect to it hangs until its
 * timeout. The way to test connect timeouts without leaving loopback.
 */
public final class FullBacklog implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> fillers = new ArrayList<>();

  private FullBacklog(InetAddress address) throws IOException {
    server = new ServerSocket(0, 1, address);
    try {
      for (int i = 0; i < 2; i++) {
        Socket filler = new Socket();
        fillers.add(filler);
        filler.connect(address(), 1000);
      }
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** A never-answering listener on {@code address}, an ephemeral port. */
  public static FullBacklog open(InetAddress address) throws IOException {
    return new FullBacklog(address);
  }

  /** Where connects hang. */
  public InetSocketAddress address() {
    return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
  }

  @Override
  public void close() throws IOException {
    for (Socket filler : fillers) {
      filler.close();
    }
    server.close();
  }
}
