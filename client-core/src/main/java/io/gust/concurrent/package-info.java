/**
 * Combinators for awaiting many {@link java.util.concurrent.CompletableFuture}s at once:
 * {@link io.gust.concurrent.Futures} gathers, races, hedges, throttles and times them out.
 *
 * <p>This package uses only {@code io.gust.loop} (for timers) and {@code java.util.concurrent}.
 * Nothing here blocks a loop thread: results complete on whichever thread completed the input that
 * decided them, or on the loop whose timer fired. The one blocking call,
 * {@link io.gust.concurrent.CompletionIterator#next()}, refuses to run on a loop thread.
 */
package io.gust.concurrent;
