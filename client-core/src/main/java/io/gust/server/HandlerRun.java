package io.gust.server;

import io.gust.loop.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a route's handler, in either style, with user code contained, for the exchanges of every
 * protocol: a synchronous handler's response is sent at once, an asynchronous handler's stage
 * completes back on the loop; a handler that throws or fails its stage becomes a 500 (logged at
 * WARN). Loop-confined.
 */
abstract class HandlerRun {
  private static final Logger log = LoggerFactory.getLogger(HandlerRun.class);

  /** The request being handled; null between exchanges. */
  Request request;
  /** The async handler's stage while it is pending; null otherwise. */
  private CompletionStage<Response> awaited;

  /** Sends the handler's response; null when it gave none (a 500). */
  abstract void send(Response response);

  /** The stage of exchange {@code expected} completed; runs on the loop. */
  abstract void completed(long expected, Response response, Throwable error);

  /** Runs {@code route}'s handler for {@link #request}; {@code current} names the exchange. */
  final void callHandler(Route route, EventLoop loop, long current) {
    if (route.handler != null) {
      Response response;
      try {
        response = route.handler.handle(request);
      } catch (Throwable t) {
        response = handlerFailed(t);
      }
      send(response);
      return;
    }
    CompletionStage<Response> stage;
    try {
      stage = route.asyncHandler.handle(request);
    } catch (Throwable t) {
      send(handlerFailed(t));
      return;
    }
    if (stage == null) {
      send(null);
      return;
    }
    awaited = stage;
    stage.whenComplete((response, error) -> {
      if (loop.inLoop()) {
        completed(current, response, error);
      } else {
        loop.execute(() -> completed(current, response, error));
      }
    });
  }

  /** The stage completed: it is no longer cancelled when the exchange ends. */
  final void stageDone() {
    awaited = null;
  }

  final Response handlerFailed(Throwable t) {
    log.warn("handler for {} {} failed; answering 500", request.method(), request.path(), t);
    return Response.of(500, "internal server error\n");
  }

  /** A 500 for a handler that gave no response. */
  final Response noResponse() {
    log.warn("handler for {} {} returned no response; answering 500", request.method(),
        request.path());
    return Response.of(500, "internal server error\n");
  }

  /** Cancels the pending stage; a minimal stage (a CompletableFuture that refuses) stays. */
  final void cancelAwaited() {
    CompletionStage<Response> stage = awaited;
    awaited = null;
    if (stage instanceof CompletableFuture) {
      try {
        ((CompletableFuture<Response>) stage).cancel(false);
      } catch (UnsupportedOperationException e) {
        log.debug("the handler's stage cannot be cancelled");
      }
    }
  }
}
