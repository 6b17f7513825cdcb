package io.gust.net;

import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Opens a TLS {@link ChannelStream} and completes a future when its handshake finished: the
 * handshake timeout, the translation of whatever closed the stream into a {@link
 * TlsHandshakeException}, and cancellation. Loop-confined.
 *
 * <p>The stream reads and writes from the start (its transport drives the handshake); this
 * class only watches. The handshake timer runs from the stream's opening; the first of finish,
 * failure, timeout and cancellation wins, and the losers change nothing.
 */
final class TlsHandshake {
  private final CompletableFuture<ChannelStream> result = new CompletableFuture<>();
  private ChannelStream stream;
  private Cancellable timer;

  private TlsHandshake() {}

  static CompletableFuture<ChannelStream> client(EventLoop loop, SocketChannel channel,
      TlsOptions options, String peerHost, int peerPort, long readBufferCapBytes) {
    Objects.requireNonNull(peerHost, "peerHost");
    return start(loop, channel, options, TlsEngines.client(options, peerHost, peerPort),
        readBufferCapBytes);
  }

  static CompletableFuture<ChannelStream> server(EventLoop loop, SocketChannel channel,
      TlsOptions options, long readBufferCapBytes) {
    return start(loop, channel, options, TlsEngines.server(options), readBufferCapBytes);
  }

  private static CompletableFuture<ChannelStream> start(EventLoop loop, SocketChannel channel,
      TlsOptions options, SSLEngine engine, long readBufferCapBytes) {
    loop.checkInLoop("openTls");
    Objects.requireNonNull(channel, "channel");
    TlsHandshake handshake = new TlsHandshake();
    try {
      engine.beginHandshake();
    } catch (SSLException e) {
      SocketTransport.closeQuietly(channel);
      return CompletableFuture.failedFuture(TlsFailures.toHandshakeException(e));
    }
    TlsTransport transport = new TlsTransport(loop, channel, engine, options.taskExecutor,
        handshake::finished);
    handshake.stream = ChannelStream.open(loop, transport, readBufferCapBytes);
    handshake.stream.addCloseListener(handshake::closed);
    if (!handshake.result.isDone()) {
      handshake.timer = loop.schedule(options.handshakeTimeout,
          () -> handshake.timedOut(options.handshakeTimeout));
      handshake.result.whenComplete((stream, error) -> {
        if (handshake.result.isCancelled()) {
          handshake.cancelled(loop);
        }
      });
    }
    return handshake.result;
  }

  private void finished() {
    if (stream.isOpen()) {
      timer.cancel();
      result.complete(stream);
    }
  }

  private void closed(Throwable cause) {
    if (timer != null) {
      timer.cancel();
    }
    Throwable why = cause != null ? cause : StreamClosedException.closedLocally();
    result.completeExceptionally(TlsFailures.toHandshakeException(why));
  }

  private void timedOut(Duration timeout) {
    stream.fail(new TlsHandshakeException(TlsFailure.HANDSHAKE_TIMEOUT,
        "TLS handshake timed out after " + timeout.toMillis() + " ms", null));
  }

  /** Closes the stream from whichever thread cancelled; a closed loop has closed it already. */
  private void cancelled(EventLoop loop) {
    try {
      loop.execute(stream::close);
    } catch (RejectedExecutionException e) {
      // The loop closed its channels when it shut down.
    }
  }
}
