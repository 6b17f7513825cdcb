package io.gust.net;

import java.io.IOException;
import java.util.Objects;

/**
 * A SOCKS5 proxy (RFC 1928), or a SOCKS4 one, refused or failed to open a tunnel, or answered in a way the protocol
 * does not allow; {@link #failure()} says which, and for a refusal in the proxy's reply {@link
 * #replyCode()} gives its code.
 *
 * <p>The message names the failure and, for a reply code, its meaning in RFC 1928's words. It
 * never contains the credentials sent to the proxy.
 */
public final class SocksException extends IOException {
  /** What went wrong in the SOCKS5 exchange. */
  public enum Failure {
    /** The proxy accepted none of the offered authentication methods (method X'FF'). */
    NO_ACCEPTABLE_METHOD,
    /** The proxy rejected the username and password (RFC 1929). */
    AUTH_FAILED,
    /** The proxy refused the CONNECT request: SOCKS5 reply codes 1-255, SOCKS4's 91-93. */
    REPLY,
    /** A reply carried a version other than the one the protocol step expects. */
    WRONG_VERSION,
    /** The proxy closed the connection before its reply was complete. */
    TRUNCATED_REPLY,
    /** The proxy sent more bytes than its reply holds before the tunnel was open. */
    OVERSIZED_REPLY,
    /** A reply field held a value the protocol does not allow (method, address type). */
    MALFORMED_REPLY
  }

  private final Failure failure;
  private final int replyCode;

  SocksException(Failure failure, int replyCode, String message) {
    super(message);
    this.failure = Objects.requireNonNull(failure, "failure");
    this.replyCode = replyCode;
  }

  static SocksException of(Failure failure, String message) {
    return new SocksException(failure, -1, message);
  }

  /** The refusal for a non-zero reply code of a CONNECT reply. */
  static SocksException reply(int code) {
    return new SocksException(Failure.REPLY, code,
        "SOCKS5 proxy refused the connection: " + meaning(code) + " (reply " + code + ")");
  }

  /** The refusal for a SOCKS4 reply code from 91 to 93. */
  static SocksException socks4Reply(int code) {
    String meaning = code == 91 ? "request rejected or failed"
        : code == 92 ? "the proxy could not reach the client's identd"
        : "the client's identd reported a different user ID";
    return new SocksException(Failure.REPLY, code,
        "SOCKS4 proxy refused the connection: " + meaning + " (reply " + code + ")");
  }

  /** What went wrong. */
  public Failure failure() {
    return failure;
  }

  /**
   * The proxy's reply code for {@link Failure#REPLY} (1 to 255 from SOCKS5, 91 to 93 from
   * SOCKS4); -1 otherwise.
   */
  public int replyCode() {
    return replyCode;
  }

  /** RFC 1928 §6's name for a reply code. */
  static String meaning(int code) {
    switch (code) {
      case 1: return "general SOCKS server failure";
      case 2: return "connection not allowed by ruleset";
      case 3: return "network unreachable";
      case 4: return "host unreachable";
      case 5: return "connection refused";
      case 6: return "TTL expired";
      case 7: return "command not supported";
      case 8: return "address type not supported";
      default: return "unassigned reply code";
    }
  }
}
