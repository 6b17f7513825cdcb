package io.gust.client;

import io.gust.loop.EventLoop;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a host name into the socket addresses to connect to, in the order to try them.
 *
 * <p>This is the pluggable name-resolution SPI of Gust. {@link #resolve} is called on the
 * requesting loop's thread and must return at once unless the implementation says it blocks (as
 * {@link BlockingResolver} does); its future completes on that same loop's thread with a
 * non-empty list, or fails with an {@link java.net.UnknownHostException} (or a subtype) that says
 * why. Implementations are shared by many clients and loops, so they must be thread-safe;
 * {@link #close()} releases what they own (threads, sockets, caches).
 */
public interface Resolver extends AutoCloseable {
  /**
   * Resolves {@code host} to addresses with {@code port}, restricted to {@code family}; the future
   * completes on {@code loop}'s thread.
   */
  CompletableFuture<List<InetSocketAddress>> resolve(
      EventLoop loop, String host, int port, AddressFamily family);

  /** Resolves {@code host} to addresses of either family; the future completes on {@code loop}. */
  default CompletableFuture<List<InetSocketAddress>> resolve(EventLoop loop, String host, int port) {
    return resolve(loop, host, port, AddressFamily.ANY);
  }

  /** Releases what the resolver owns; lookups after close fail. The default does nothing. */
  @Override
  default void close() {}
}
