/**
 * The HTTP/1.1 message model and codec shared by Gust's client and companion server.
 *
 * <p>The model ({@link io.gust.http.Headers}, {@link io.gust.http.HttpRequest},
 * {@link io.gust.http.HttpResponse}, {@link io.gust.http.RequestBody}, {@link io.gust.http.Timings})
 * is immutable and safe to share between threads. The codec (head parsers, {@link
 * io.gust.http.BodyFraming}, body and content decoders, {@link io.gust.http.Http1Writer}) reads
 * and writes okio buffers incrementally: a parser consumes what a buffer holds and answers "need
 * more" or "done", never blocking. Codec objects hold parse state and are not thread-safe; the
 * loop thread that owns a connection owns its codec.
 *
 * <p>This package is pure: it uses only okio and the JDK, knows nothing of sockets, selectors or
 * loops, and starts no threads. The failures it defines ({@link io.gust.http.HttpClientException}
 * and its subtypes) are the only ones the client reports.
 */
package io.gust.http;
