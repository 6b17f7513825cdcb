package io.gust.client;

/** The HTTP versions Gust speaks; {@link #toString()} gives the wire form. */
public enum Protocol {
  /** {@code HTTP/1.0}: connections close after each exchange unless keep-alive is asked. */
  HTTP_1_0("HTTP/1.0"),
  /** {@code HTTP/1.1}: connections persist unless {@code Connection: close}. */
  HTTP_1_1("HTTP/1.1"),
  /** {@code HTTP/2}: streams multiplexed on one connection (RFC 9113). */
  HTTP_2("HTTP/2");

  private final String wireName;

  Protocol(String wireName) {
    this.wireName = wireName;
  }

  /** Returns {@code HTTP/1.0}, {@code HTTP/1.1} or {@code HTTP/2}. */
  @Override
  public String toString() {
    return wireName;
  }
}
