/**
 * The WebSocket protocol (RFC 6455) and its permessage-deflate extension (RFC 7692) as pure code,
 * shared by Gust's client and companion server: the opening handshake's header values
 * ({@link io.gust.websocket.WebSocketHandshake}, {@link io.gust.websocket.PerMessageDeflate}),
 * a message reader ({@link io.gust.websocket.WebSocketReader}) and a message writer ({@link
 * io.gust.websocket.WebSocketWriter}); and, on top of them, the open connection both sides run
 * on their loop ({@link io.gust.websocket.WebSocketEndpoint} with its send queue, reads and
 * timers).
 *
 * <p>The codec is pure like {@code io.gust.http}: it reads and writes okio buffers, uses only
 * okio, the JDK and {@code io.gust.http} (for its exception types and token characters), knows
 * nothing of sockets,
 * selectors or loops, never blocks and starts no threads. A reader consumes what a buffer holds
 * and answers with a message or "need more". Readers and writers hold per-connection state
 * (fragments, compression contexts) and are not thread-safe: the loop thread that owns the
 * connection owns them, and closes them to release their native zlib memory. The endpoint alone
 * uses {@code io.gust.loop} and {@code io.gust.net}: it is loop-confined, never blocks, and its
 * public methods hop to the loop.
 */
package io.gust.websocket;
