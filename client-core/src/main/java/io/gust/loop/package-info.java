/**
 * The selector event loop: one thread owning one {@link java.nio.channels.Selector}, its
 * registered channels, its timers and its task queue.
 *
 * <p>This is the bottom layer of Gust; it uses only the JDK and slf4j. Everything registered with
 * an {@link io.gust.loop.EventLoop} is confined to that loop's thread. Other threads reach a loop
 * only through {@link io.gust.loop.EventLoop#execute} and {@link io.gust.loop.EventLoop#schedule}.
 * A watchdog thread notices when one piece of work holds a loop too long and says where.
 */
package io.gust.loop;
