package io.gust.client;

import java.util.concurrent.CompletableFuture;

/**
 * The checks every protocol's request-body writer makes on a {@link BodyProducer}'s writes: no
 * chunk after the end or after the exchange, and no more or fewer bytes than the content length
 * it announced. Stateless; called on the loop.
 */
final class ProducerWrites {
  private ProducerWrites() {}

  /**
   * True, with {@code written} failed, when a chunk came after the producer ended the body or
   * after the exchange was over.
   */
  static boolean refused(boolean ended, Exchange exchange, CompletableFuture<Void> written) {
    if (!ended && exchange.isActive()) {
      return false;
    }
    written.completeExceptionally(new IllegalStateException(
        ended ? "body already ended" : "exchange is over"));
    return true;
  }

  /**
   * True, with {@code written} and the exchange failed, when {@code total} bytes written pass
   * {@code announced} (-1: no length was announced).
   */
  static boolean overran(long announced, long total, Exchange exchange,
      CompletableFuture<Void> written) {
    if (announced < 0 || total <= announced) {
      return false;
    }
    written.completeExceptionally(new IllegalStateException("body longer than announced"));
    exchange.fail(new IllegalStateException("body producer wrote more than its content length"));
    return true;
  }

  /**
   * True, with the exchange failed, when a body that ended at {@code total} bytes is not the
   * {@code announced} length (-1: no length was announced).
   */
  static boolean mismatched(long announced, long total, Exchange exchange) {
    if (announced < 0 || total == announced) {
      return false;
    }
    exchange.fail(new IllegalStateException("body producer wrote " + total
        + " bytes but announced " + announced));
    return true;
  }
}
