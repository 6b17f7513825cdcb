package io.gust.resolver;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A DNS server for tests on 127.0.0.1, UDP and TCP on the same ephemeral port, answering each
 * question as the test's script says: any number of replies, each after its own delay, or none.
 * Records every question it receives.
 */
final class ScriptedDnsServer implements AutoCloseable {
  /** What to send for one question; an empty list is silence. */
  @FunctionalInterface
  interface Script {
    List<Reply> answer(DnsPackets.Question question);
  }

  /** One packet to send, {@code delayMillis} after the question arrived. */
  record Reply(byte[] bytes, long delayMillis) {
    static List<Reply> now(byte[] bytes) {
      return List.of(new Reply(bytes, 0));
    }

    static List<Reply> after(long delayMillis, byte[] bytes) {
      return List.of(new Reply(bytes, delayMillis));
    }
  }

  private final DatagramChannel udp;
  private final ServerSocketChannel tcp;
  private final Script script;
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(
      r -> daemon(r, "scripted-dns-sender"));
  private final List<DnsPackets.Question> questions = new CopyOnWriteArrayList<>();
  private final Thread udpThread;
  private final Thread tcpThread;

  private ScriptedDnsServer(DatagramChannel udp, ServerSocketChannel tcp, Script script) {
    this.udp = udp;
    this.tcp = tcp;
    this.script = script;
    this.udpThread = daemon(this::serveUdp, "scripted-dns-udp");
    this.tcpThread = daemon(this::serveTcp, "scripted-dns-tcp");
    udpThread.start();
    tcpThread.start();
  }

  /** Binds UDP and TCP on one free loopback port and starts answering with {@code script}. */
  static ScriptedDnsServer start(Script script) throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    for (int tries = 0; ; tries++) {
      DatagramChannel udp = DatagramChannel.open();
      udp.bind(new InetSocketAddress(loopback, 0));
      ServerSocketChannel tcp = ServerSocketChannel.open();
      try {
        tcp.bind(new InetSocketAddress(loopback, ((InetSocketAddress) udp.getLocalAddress()).getPort()));
        return new ScriptedDnsServer(udp, tcp, script);
      } catch (BindException e) {
        udp.close();
        tcp.close();
        if (tries == 20) {
          throw e;
        }
      }
    }
  }

  /** {@code 127.0.0.1:port}, as {@link DnsResolver.Builder#nameserver(String)} takes it. */
  String nameserver() {
    return "127.0.0.1:" + port();
  }

  int port() {
    return tcp.socket().getLocalPort();
  }

  List<DnsPackets.Question> questions() {
    return List.copyOf(questions);
  }

  long count(int type) {
    return questions.stream().filter(q -> q.type() == type).count();
  }

  private void serveUdp() {
    ByteBuffer buffer = ByteBuffer.allocate(65_535);
    try {
      while (true) {
        buffer.clear();
        SocketAddress client = udp.receive(buffer);
        DnsPackets.Question question = DnsPackets.question(buffer.array(), buffer.position(), false);
        questions.add(question);
        for (Reply reply : script.answer(question)) {
          sender.schedule(() -> sendUdp(reply.bytes(), client), reply.delayMillis(),
              TimeUnit.MILLISECONDS);
        }
      }
    } catch (ClosedChannelException e) {
      // Closed by close().
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void sendUdp(byte[] bytes, SocketAddress client) {
    try {
      udp.send(ByteBuffer.wrap(bytes), client);
    } catch (IOException e) {
      // The test is over.
    }
  }

  private void serveTcp() {
    while (true) {
      try (SocketChannel connection = tcp.accept()) {
        ByteBuffer length = ByteBuffer.allocate(2);
        readFully(connection, length);
        ByteBuffer query = ByteBuffer.allocate(length.getShort(0) & 0xffff);
        readFully(connection, query);
        DnsPackets.Question question = DnsPackets.question(query.array(), query.capacity(), true);
        questions.add(question);
        for (Reply reply : script.answer(question)) {
          ByteBuffer out = ByteBuffer.allocate(2 + reply.bytes().length);
          out.putShort((short) reply.bytes().length).put(reply.bytes()).flip();
          while (out.hasRemaining()) {
            connection.write(out);
          }
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!tcp.isOpen()) {
          return;
        }
      }
    }
  }

  private static void readFully(SocketChannel connection, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (connection.read(buffer) < 0) {
        throw new IOException("client closed");
      }
    }
  }

  private static Thread daemon(Runnable work, String name) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Stops answering and waits until both sockets are really closed. */
  @Override
  public void close() throws IOException {
    sender.shutdownNow();
    udp.close();
    tcp.close();
    try {
      udpThread.join(5_000);
      tcpThread.join(5_000);
      sender.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
