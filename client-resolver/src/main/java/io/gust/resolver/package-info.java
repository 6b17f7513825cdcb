/**
 * Name resolvers for Gust beyond the blocking default: {@link io.gust.resolver.ThreadedResolver}
 * (the system resolver on a small thread pool), {@link io.gust.resolver.DnsResolver} (a DNS client
 * on the loop itself), {@link io.gust.resolver.CachingResolver} and
 * {@link io.gust.resolver.OverrideResolver}, which wrap any resolver, and the typed failures they
 * report, all subtypes of {@link java.net.UnknownHostException}.
 *
 * <p>This package uses only {@code io.gust.loop} and {@code io.gust.net}. Every resolver is
 * thread-safe and may be shared by many clients and loops; results complete on the loop thread of
 * the caller. The DNS wire format lives in pure package-private classes tested without sockets.
 */
package io.gust.resolver;
