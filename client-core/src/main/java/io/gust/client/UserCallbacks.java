package io.gust.client;

import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the request's header callback and progress listener where the client says (the loop
 * thread, or the callback executor) and contains what they throw: a WARN, and the exchange goes
 * on.
 */
final class UserCallbacks {
  private static final Logger log = LoggerFactory.getLogger(UserCallbacks.class);

  private UserCallbacks() {}

  static void headers(Exchange exchange, HttpResponse head) {
    run(exchange, () -> exchange.request.headerCallback().onHeaders(head), "header callback");
  }

  static void progress(Exchange exchange, long sent, long sendTotal, long received,
      long receiveTotal) {
    ProgressListener listener = exchange.request.progressListener();
    run(exchange, () -> listener.onProgress(sent, sendTotal, received, receiveTotal),
        "progress listener");
  }

  private static void run(Exchange exchange, Runnable call, String what) {
    Executor executor = exchange.context.callbackExecutor();
    Runnable contained = () -> {
      try {
        call.run();
      } catch (RuntimeException | Error e) {
        log.warn("{} for {} threw", what, exchange.request, e);
      }
    };
    if (executor == null) {
      contained.run();
    } else {
      executor.execute(contained);
    }
  }
}
