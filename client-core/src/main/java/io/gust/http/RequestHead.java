package io.gust.http;

import io.gust.client.Headers;
import io.gust.client.Protocol;

/**
 * A parsed request line and its header fields, before the body. Immutable. Find its body's
 * framing with {@link BodyFraming#forRequest}.
 */
public final class RequestHead {
  private final String method;
  private final String target;
  private final Protocol protocol;
  private final Headers headers;

  /** Creates a head; the parser does this, tests may too. */
  public RequestHead(String method, String target, Protocol protocol, Headers headers) {
    this.method = method;
    this.target = target;
    this.protocol = protocol;
    this.headers = headers;
  }

  /** Returns the method token, case as received. */
  public String method() {
    return method;
  }

  /** Returns the request target as received: origin-form, absolute-form, authority-form or "*". */
  public String target() {
    return target;
  }

  /** Returns the HTTP version of the request line. */
  public Protocol protocol() {
    return protocol;
  }

  /** Returns the header fields in the order received. */
  public Headers headers() {
    return headers;
  }

  /** Returns the request line; the target may carry a query, so do not log it where that matters. */
  @Override
  public String toString() {
    return method + " " + target + " " + protocol;
  }
}
