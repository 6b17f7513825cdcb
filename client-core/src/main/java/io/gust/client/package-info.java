/**
 * Gust's asynchronous HTTP/1.1 client: {@link io.gust.client.AsyncHttpClient}, its keep-alive
 * connection pool, request queue, redirects, decompression, timeouts and cancellation; the
 * cookie jar ({@link io.gust.client.CookieJar}, {@link io.gust.client.MemoryCookieJar}, curl's
 * cookie files) and authentication ({@link io.gust.client.Authenticator}, Basic and Digest).
 *
 * <p>Uses {@code io.gust.loop}, {@code io.gust.net} and {@code io.gust.http}. Every connection,
 * pool and queue belongs to one loop thread and is touched only there, without locks; the public
 * entry points may be called from any thread and hop to the loop with {@code execute}. Cookie
 * jars and authenticators are shared by every loop of a client, so they are thread-safe and never
 * block; the in-memory jar takes a short lock once per request, off the per-byte path.
 */
package io.gust.client;
