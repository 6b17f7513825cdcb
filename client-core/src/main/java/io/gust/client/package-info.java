/**
 * Gust's asynchronous HTTP/1.1 client: {@link io.gust.client.AsyncHttpClient}, its keep-alive
 * connection pool, request queue, redirects, decompression, timeouts and cancellation; the
 * blocking {@code send}; interceptors; form and multipart request bodies; and the sinks that take
 * a response body instead of collecting it (a file, nowhere, a stream read on demand).
 *
 * <p>Uses {@code io.gust.loop}, {@code io.gust.net} and {@code io.gust.http}. Every connection,
 * pool and queue belongs to one loop thread and is touched only there, without locks; the public
 * entry points may be called from any thread and hop to the loop with {@code execute}.
 */
package io.gust.client;
