package io.gust.server;

import java.util.concurrent.CompletionStage;

/**
 * An asynchronous request handler: called on the loop thread, it returns at once with a stage
 * that completes with the response later (after a timer, a fetch, work on an executor).
 *
 * <p>The stage may complete on any thread; the response is written on the connection's loop. A
 * stage that fails, or an exception thrown here, is logged at WARN and answered with 500.
 *
 * <p>When the client goes away while the stage is pending, {@link Request#clientGone()}
 * completes and the server cancels the stage if it is a {@code CompletableFuture}, then closes
 * the connection without an answer, as Go's net/http cancels a request's context. The server
 * cannot tell a client that hung up from one that only ended its output and still reads (a half
 * close, as {@code nc -N} or {@code socket.shutdownOutput()} do), so such a client sees this
 * cancellation too, unless the handler answers through a stage that cannot be cancelled.
 */
@FunctionalInterface
public interface AsyncHandler {
  /** Starts handling {@code request}; the stage completes with its response. */
  CompletionStage<Response> handle(Request request) throws Exception;
}
