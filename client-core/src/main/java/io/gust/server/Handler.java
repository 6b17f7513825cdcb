package io.gust.server;

/**
 * A synchronous request handler, run on the loop thread of the request's connection.
 *
 * <p>It must not block: every other connection on that loop waits while it runs. Wrap blocking
 * work with {@link Handlers#offload}. An exception thrown here is logged at WARN and answered
 * with 500; the connection stays usable.
 */
@FunctionalInterface
public interface Handler {
  /** Returns the response to {@code request}. */
  Response handle(Request request) throws Exception;
}
