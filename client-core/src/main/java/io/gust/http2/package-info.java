/**
 * The HTTP/2 frame codec and HPACK header compression (RFC 9113, RFC 7541), shared by Gust's
 * client and companion server.
 *
 * <p>{@link io.gust.http2.FrameReader} consumes whatever an okio buffer holds and answers either
 * "need more" or one whole {@link io.gust.http2.Frame}; header blocks split over HEADERS and
 * CONTINUATION frames are assembled (with a bound) and decoded by HPACK before any judgement, so
 * the decoder's dynamic table stays in step with the peer's encoder. {@link
 * io.gust.http2.FrameWriter} writes frames into a buffer. Failures are {@link
 * io.gust.http2.Http2Exception}s that say whether they end the stream or the whole connection
 * and carry the RFC's {@link io.gust.http2.ErrorCode}. {@link io.gust.http2.FieldValidation}
 * checks decoded fields against HTTP/2's message rules as a separate step. {@link
 * io.gust.http2.FlowControlWindow} and {@link io.gust.http2.ReceiveWindow} keep the flow-control
 * accounts of either side of a stream or connection.
 *
 * <p>This package is pure: it uses only okio and the JDK, knows nothing of sockets, selectors,
 * loops or streams' states, and starts no threads. Readers and writers hold compression state and
 * are not thread-safe; the loop thread that owns a connection owns its reader and writer.
 */
package io.gust.http2;
