package io.gust.samples;

import java.net.URI;

/**
 * What {@code bench} asks of every client alike: the URL to GET, the requests in flight, the event
 * loops (Gust only), how to trust an https server, and whether each request gets a connection of
 * its own ({@code Connection: close}, so that over https every request is a new handshake), and
 * whether Gust speaks HTTP/2 (h2 by ALPN on https, h2c by prior knowledge on http).
 */
record LoadSettings(URI url, int connections, int loops, TlsSettings.Trust trust,
    boolean newConnections, boolean http2) {
  /** Settings for HTTP/1.1. */
  LoadSettings(URI url, int connections, int loops, TlsSettings.Trust trust,
      boolean newConnections) {
    this(url, connections, loops, trust, newConnections, false);
  }

  /** The field every client sends with {@code newConnections}; servers answer it by closing. */
  static final String CLOSE_NAME = "Connection";
  static final String CLOSE_VALUE = "close";
}
