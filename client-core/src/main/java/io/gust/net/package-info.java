/**
 * Sockets on the event loop: {@link io.gust.net.ChannelStream} (Tornado's IOStream: non-blocking
 * reads into okio buffers, delimiter, fixed-size, until-close, streaming and parser-driven reads
 * with a buffer cap, queued writes with completion, close listeners) and {@link
 * io.gust.net.TcpConnector} (connect with a timeout, trying addresses in Happy Eyeballs order).
 * TLS runs inside a stream, over {@code SSLEngine}, configured by {@link io.gust.client.TlsOptions}
 * and opened with {@link io.gust.net.ChannelStream#openTls}; the engine's delegated tasks run on
 * an executor, never on the loop. {@link io.gust.net.Socks5Handshake} and {@link
 * io.gust.net.Socks4aHandshake} open a SOCKS tunnel over a connected stream.
 *
 * <p>Not exported. Uses {@code io.gust.loop}, the configuration and resolver types of {@code
 * io.gust.client}, okio, slf4j and the JDK. Every stream and connect attempt
 * belongs to one {@link io.gust.loop.EventLoop} and runs on its thread: stream methods must be
 * called there, and futures complete and callbacks run there. Failures are typed {@code
 * IOException}s ({@link io.gust.net.StreamClosedException}, {@link
 * io.gust.net.ConnectionResetException}, {@link io.gust.net.ReadBufferOverflowException}, {@link
 * io.gust.net.ConnectTimeoutException}, {@link io.gust.net.ConnectFailedException}, {@link
 * io.gust.net.TlsHandshakeException}, {@link io.gust.net.SocksException}) whose messages name
 * addresses as {@code ip:port} only.
 */
package io.gust.net;
