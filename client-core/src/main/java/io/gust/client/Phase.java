package io.gust.client;

/** The phase of an exchange in which a failure happened, in the order an exchange goes through them. */
public enum Phase {
  /** Waiting for a free connection slot. */
  QUEUE,
  /** Resolving the host name. */
  DNS,
  /** Opening the TCP connection. */
  CONNECT,
  /** Setting up the proxy: TLS to an HTTPS proxy, the {@code CONNECT} tunnel, a SOCKS handshake. */
  PROXY,
  /** The TLS handshake. */
  TLS,
  /** Writing the request head or body. */
  WRITE,
  /** Reading the response status line and header fields. */
  HEADERS,
  /** Reading the response body and its trailers. */
  BODY
}
