/**
 * Gust's core: the asynchronous HTTP client ({@code io.gust.client}), the combinators that await
 * many fetches ({@code io.gust.concurrent}), the selector loops everything runs on ({@code
 * io.gust.loop}) and the companion server for end-to-end tests ({@code io.gust.server}).
 *
 * <p>The HTTP/1.1 codec and the socket and TLS plumbing are not exported: applications reach
 * them only through the client and the server.
 */
module io.gust.core {
  requires transitive okio;
  // okio is an automatic module, which declares no dependencies: this puts the Kotlin standard
  // library it runs on into the module graph.
  requires kotlin.stdlib;
  requires org.slf4j;
  // Optional: br and zstd decoding, used only when a client asks for those codings.
  requires static com.aayushatharva.brotli4j;
  requires static com.github.luben.zstd_jni;
  // Optional: only applications that use io.gust.client.metrics or io.gust.client.telemetry
  // bring these; nothing else in Gust loads them.
  requires static micrometer.core;
  requires static io.opentelemetry.api;
  requires static io.opentelemetry.context;

  exports io.gust.client;
  exports io.gust.client.metrics;
  exports io.gust.client.telemetry;
  exports io.gust.concurrent;
  exports io.gust.loop;
  exports io.gust.server;
  exports io.gust.net to io.gust.resolver;
}
