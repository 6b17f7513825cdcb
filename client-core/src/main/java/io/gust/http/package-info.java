/**
 * The HTTP/1.1 codec shared by Gust's client and companion server: head parsers, {@link
 * io.gust.http.BodyFraming}, body and content decoders and {@link io.gust.http.Http1Writer}.
 * Not exported: applications use the model in {@code io.gust.client}.
 *
 * <p>The codec reads and writes okio buffers incrementally: a parser consumes what a buffer
 * holds and answers "need more" or "done", never blocking. Codec objects hold parse state and
 * are not thread-safe; the loop thread that owns a connection owns its codec.
 *
 * <p>This package is pure: it uses only the model types of {@code io.gust.client} (headers,
 * requests, responses and the failures they report), okio and the JDK, plus the optional brotli4j
 * and zstd-jni for the br and zstd content codings, which only {@link
 * io.gust.http.OptionalCodings} touches first; it knows nothing of
 * sockets, selectors or loops, and starts no threads. It reaches the parts of {@link
 * io.gust.client.Headers} that only a codec may use through {@link io.gust.http.HeadersAccess}.
 */
package io.gust.http;

