package io.gust.resolver;

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

  final boolean isOpen() {
    return channel.isOpen();
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
