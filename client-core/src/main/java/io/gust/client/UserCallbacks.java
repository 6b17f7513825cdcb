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
    headers(exchange.context, exchange.request, head);
  }

  /** Tells {@code request}'s header callback about {@code head}, outside an exchange. */
  static void headers(ClientContext context, HttpRequest request, HttpResponse head) {
    run(context, request, () -> request.headerCallback().onHeaders(head), "header callback");
  }

  static void progress(Exchange exchange, long sent, long sendTotal, long received,
      long receiveTotal) {
    ProgressListener listener = exchange.request.progressListener();
    run(exchange.context, exchange.request,
        () -> listener.onProgress(sent, sendTotal, received, receiveTotal), "progress listener");
  }

  private static void run(ClientContext context, HttpRequest request, Runnable call,
      String what) {
    Executor executor = context.callbackExecutor();
    Runnable contained = () -> {
      try {
        call.run();
      } catch (RuntimeException | Error e) {
        log.warn("{} for {} threw", what, request, e);
      }
    };
    if (executor == null) {
      contained.run();
    } else {
      executor.execute(contained);
    }
  }
}
