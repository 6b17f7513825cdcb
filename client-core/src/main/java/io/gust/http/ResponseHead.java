package io.gust.http;

import io.gust.client.Headers;
import io.gust.client.HttpResponse;
import io.gust.client.Protocol;

/**
 * A parsed response status line and its header fields, before the body. Immutable. Turn it into
 * an {@link HttpResponse} with {@link HttpResponse.Builder#head}, and find its body's framing with
 * {@link BodyFraming#forResponse}.
 */
public final class ResponseHead {
  private final Protocol protocol;
  private final int code;
  private final String reason;
  private final Headers headers;
  /**
   * The framing decided for this head in answer to any method but HEAD and CONNECT (the same for
   * all of those), kept so that a head the parser hands out again for a repeated response needs
   * no second decision; null until decided. Immutable once set, so a racy read is harmless.
   */
  BodyFraming framing;

  /** Creates a head; the parser does this, tests and servers may too. */
  public ResponseHead(Protocol protocol, int code, String reason, Headers headers) {
    this.protocol = protocol;
    this.code = code;
    this.reason = reason;
    this.headers = headers;
  }

  /** Returns the HTTP version of the status line. */
  public Protocol protocol() {
    return protocol;
  }

  /** Returns the status code, in [100, 999]. */
  public int code() {
    return code;
  }

  /** Returns the reason phrase as received, decoded as ISO-8859-1; may be empty. */
  public String reason() {
    return reason;
  }

  /** Returns the header fields in the order received, obs-folds unfolded. */
  public Headers headers() {
    return headers;
  }

  /** Whether this is an interim (1xx) response that a final one will follow. */
  public boolean isInterim() {
    return code < 200;
  }

  @Override
  public String toString() {
    return protocol + " " + code + " " + reason;
  }
}
