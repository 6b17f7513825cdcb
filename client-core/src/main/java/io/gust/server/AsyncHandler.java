package io.gust.server;

import java.util.concurrent.CompletionStage;

/**
 * An asynchronous request handler: called on the loop thread, it returns at once with a stage
 * that completes with the response later (after a timer, a fetch, work on an executor).
 *
 * <p>The stage may complete on any thread; the response is written on the connection's loop. A
 * stage that fails, or an exception thrown here, is logged at WARN and answered with 500.
 *
 * <p>When the client ends its output while the stage is pending, {@link Request#clientGone()}
 * completes and the server keeps waiting: a client that only half-closed (as {@code nc -N} or
 * {@code socket.shutdownOutput()} do) still reads the answer, and the server cannot tell it from
 * one that hung up. The handler may give up then; a stage that fails or yields nothing after the
 * client went away closes the connection without an answer. The server cancels the stage, if it
 * is a pending {@code CompletableFuture}, when the connection itself ends: a reset or failure,
 * no answer within the idle timeout after the client's end of input, or the server shutting
 * down.
 */
@FunctionalInterface
public interface AsyncHandler {
  /** Starts handling {@code request}; the stage completes with its response. */
  CompletionStage<Response> handle(Request request) throws Exception;
}
