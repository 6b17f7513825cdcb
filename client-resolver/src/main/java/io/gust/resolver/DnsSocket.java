package io.gust.resolver;

import io.gust.loop.EventLoop;
import io.gust.loop.IoHandler;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * One socket carrying one DNS query to one server, registered on the asking loop; the
 * {@link DnsExchange} that opened it decides what the messages it receives mean. Loop-confined.
 * Closing it cancels its key; it reports nothing after that.
 */
abstract class DnsSocket implements IoHandler {
  /** Where a socket delivers what it receives. Called on the loop thread. */
  interface Receiver {
    /** A whole DNS message in {@code message[0, length)}, valid only during this call. */
    void onMessage(DnsSocket socket, byte[] message, int length);

    void onSocketFailure(DnsSocket socket, IOException cause);
  }

  final Receiver receiver;
  private final SelectableChannel channel;

  DnsSocket(SelectableChannel channel, Receiver receiver) {
    this.channel = channel;
    this.receiver = receiver;
  }

  /** Connects a channel and says which operations to wait for next. */
  @FunctionalInterface
  interface Setup {
    int connect() throws IOException;
  }

  /**
   * Makes the channel non-blocking, runs {@code setup} and registers the channel on {@code loop}
   * for the operations it returns; closes the channel if any of that fails.
   */
  final void register(EventLoop loop, Setup setup) throws IOException {
    try {
      channel.configureBlocking(false);
      loop.register(channel, setup.connect(), this);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Closes the channel, which also cancels its key; idempotent. */
  final void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing was written that closing could lose.
    }
  }

  /** The loop gave up on this channel (it is closing, or a handler threw). */
  @Override
  public final void onFailure(Throwable cause) {
    close();
    receiver.onSocketFailure(this, cause instanceof IOException
        ? (IOException) cause : new IOException("DNS socket failed", cause));
  }

  final void fail(IOException cause) {
    close();
    receiver.onSocketFailure(this, cause);
  }
}
