package io.gust.net;

import io.gust.client.TlsFailure;
import io.gust.client.TlsOptions;
import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
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
 * <p>A client first produces its ClientHello on the options' task executor, because the JDK
 * generates a key pair for each key share it offers there (X25519 and P-256: milliseconds of
 * CPU that would hold up the loop); a server's engine has nothing to do before the peer speaks.
 * Then the stream opens, reads and writes (its transport drives the handshake), and this class
 * only watches. The handshake timer runs from the call; the first of finish, failure, timeout
 * and cancellation wins, and the losers change nothing.
 */
final class TlsHandshake {
  private final CompletableFuture<ChannelStream> result = new CompletableFuture<>();
  private final EventLoop loop;
  /** What the TLS runs over: the socket, or another stream's transport (TLS inside TLS). */
  private final Transport lower;
  /** Null until the first flight is ready and the stream opened. Loop-confined. */
  private ChannelStream stream;
  private Cancellable timer;

  private TlsHandshake(EventLoop loop, Transport lower) {
    this.loop = loop;
    this.lower = lower;
  }

  static CompletableFuture<ChannelStream> client(EventLoop loop, Transport lower,
      TlsOptions options, String peerHost, int peerPort, long readBufferCapBytes) {
    Objects.requireNonNull(peerHost, "peerHost");
    return start(loop, lower, options, TlsEngines.client(options, peerHost, peerPort),
        readBufferCapBytes);
  }

  static CompletableFuture<ChannelStream> server(EventLoop loop, Transport lower,
      TlsOptions options, long readBufferCapBytes) {
    return start(loop, lower, options, TlsEngines.server(options), readBufferCapBytes);
  }

  private static CompletableFuture<ChannelStream> start(EventLoop loop, Transport lower,
      TlsOptions options, SSLEngine engine, long readBufferCapBytes) {
    loop.checkInLoop("openTls");
    Objects.requireNonNull(lower.channel(), "channel");
    TlsHandshake handshake = new TlsHandshake(loop, lower);
    handshake.timer = loop.schedule(options.handshakeTimeout(),
        () -> handshake.timedOut(options.handshakeTimeout()));
    handshake.result.whenComplete((stream, error) -> {
      if (handshake.result.isCancelled()) {
        handshake.cancelled();
      }
    });
    if (engine.getUseClientMode()) {
      loop.runInExecutor(options.taskExecutor(), () -> {
        engine.beginHandshake();
        return null;
      }).whenComplete((ignored, error) ->
          handshake.begun(options, engine, readBufferCapBytes, error));
    } else {
      handshake.begun(options, engine, readBufferCapBytes, null);
    }
    return handshake.result;
  }

  /** Opens the stream once the engine began (on the loop), unless the handshake ended already. */
  private void begun(TlsOptions options, SSLEngine engine, long readBufferCapBytes,
      Throwable error) {
    if (!loop.inLoop() || result.isDone()) {
      lower.close();
      result.completeExceptionally(
          TlsFailures.toHandshakeException(StreamClosedException.closedLocally()));
      return;
    }
    Throwable failure = error;
    if (failure == null && !engine.getUseClientMode()) {
      try {
        engine.beginHandshake();
      } catch (SSLException e) {
        failure = e;
      }
    }
    if (failure != null) {
      lower.close();
      timer.cancel();
      result.completeExceptionally(TlsFailures.toHandshakeException(failure));
      return;
    }
    TlsTransport transport =
        new TlsTransport(loop, lower, engine, options.taskExecutor(), this::finished);
    stream = ChannelStream.open(loop, transport, readBufferCapBytes);
    stream.addCloseListener(this::closed);
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
    TlsHandshakeException e = new TlsHandshakeException(TlsFailure.HANDSHAKE_TIMEOUT,
        "TLS handshake timed out after " + timeout.toMillis() + " ms", null);
    if (stream != null) {
      stream.fail(e);
    } else {
      lower.close();
      result.completeExceptionally(e);
    }
  }

  /**
   * Closes the stream, or the bare channel before the stream opened, from whichever thread
   * cancelled; when the loop has shut down, the channel is closed here.
   */
  private void cancelled() {
    try {
      loop.execute(() -> {
        if (stream != null) {
          stream.close(); // its close listener cancels the timer
        } else {
          timer.cancel();
          lower.close();
        }
      });
    } catch (RejectedExecutionException e) {
      SocketTransport.closeQuietly(lower.channel());
    }
  }
}
