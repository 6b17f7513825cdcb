package io.gust.server;

import java.util.concurrent.CompletionStage;

/**
 * An asynchronous request handler: called on the loop thread, it returns at once with a stage
 * that completes with the response later (after a timer, a fetch, work on an executor).
 *
 * <p>The stage may complete on any thread; the response is written on the connection's loop. A
 * stage that fails, or an exception thrown here, is logged at WARN and answered with 500.
 */
@FunctionalInterface
public interface AsyncHandler {
  /** Starts handling {@code request}; the stage completes with its response. */
  CompletionStage<Response> handle(Request request) throws Exception;
}
