package io.gust.net;

import io.gust.net.SocksException.Failure;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SOCKS handshakes share: exact-size reads of the proxy's replies on a connected stream,
 * the one failure path (first failure wins, closes the stream, fails the future), cancellation
 * from any thread, and the typed errors for a proxy that closes early or says too much.
 * Loop-confined, except that the result may be cancelled from anywhere.
 */
abstract class SocksNegotiation {
  private static final Logger log = LoggerFactory.getLogger(SocksNegotiation.class);

  final CompletableFuture<ChannelStream> result = new CompletableFuture<>();
  final ChannelStream stream;
  /** The protocol's name for messages, such as {@code SOCKS5}. */
  private final String protocol;
  /** The reply awaited now, for messages (such as {@code connect}). Loop-confined. */
  private String step;
  /** True once the tunnel opened or the handshake failed. Loop-confined. */
  private boolean ended;

  SocksNegotiation(ChannelStream stream, String protocol) {
    this.stream = stream;
    this.protocol = protocol;
  }

  /** Sends the first request; the subclass's reads take it from there. */
  abstract void begin();

  /** Starts the handshake on the loop thread and returns its future. */
  final CompletableFuture<ChannelStream> run() {
    result.whenComplete((stream, error) -> {
      if (result.isCancelled()) {
        cancelled();
      }
    });
    begin();
    return result;
  }

  final void send(Buffer data) {
    stream.write(data).whenComplete((ignored, error) -> {
      if (error != null) {
        fail(error);
      }
    });
  }

  /**
   * Reads exactly {@code byteCount} bytes of the {@code replyStep} reply, then hands them to
   * {@code next} unless the handshake ended meanwhile.
   */
  final void read(String replyStep, long byteCount, Consumer<Buffer> next) {
    step = replyStep;
    stream.readBytes(byteCount).whenComplete((bytes, error) -> {
      if (ended || result.isDone()) {
        return;
      }
      if (error == null) {
        next.accept(bytes);
      } else if (StreamClosedException.isPeerClose(error)) {
        fail(SocksException.of(Failure.TRUNCATED_REPLY, protocol
            + " proxy closed the connection before its " + step + " reply was complete"));
      } else {
        fail(error);
      }
    });
  }

  /**
   * The proxy may not speak again until it has the next request, so bytes already buffered after
   * a negotiation reply are a protocol error; false (after failing) when there are some.
   */
  final boolean checkNothingMore() {
    long extra = stream.bufferedBytes();
    if (extra == 0) {
      return true;
    }
    fail(SocksException.of(Failure.OVERSIZED_REPLY,
        protocol + " proxy sent " + extra + " bytes after its " + step + " reply"));
    return false;
  }

  final SocksException wrongVersion(int version, int expected) {
    return SocksException.of(Failure.WRONG_VERSION, protocol + " proxy's " + step
        + " reply has version " + version + ", expected " + expected + " (is it a " + protocol
        + " proxy?)");
  }

  /** The tunnel is open: completes the future with the stream. */
  final void opened() {
    ended = true;
    log.debug("{} tunnel open through {}", protocol, stream);
    result.complete(stream);
  }

  /** The one failure path: the first failure wins, closes the stream and fails the future. */
  final void fail(Throwable cause) {
    if (ended) {
      return;
    }
    ended = true;
    log.debug("{} handshake through {} failed: {}", protocol, stream, cause.toString());
    stream.close();
    result.completeExceptionally(cause);
  }

  /** Closes the stream from whichever thread cancelled; a closed loop closed it already. */
  private void cancelled() {
    try {
      stream.loop().execute(
          () -> fail(new CancellationException(protocol + " handshake cancelled")));
    } catch (RejectedExecutionException e) {
      log.debug("loop closed before the {} handshake's cancellation ran", protocol, e);
    }
  }
}
