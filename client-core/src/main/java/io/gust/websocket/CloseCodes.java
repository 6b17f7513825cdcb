package io.gust.websocket;

/**
 * The close status codes of RFC 6455 §7.4 and the IANA registry, and which of them may travel in
 * a close frame. Codes 1005, 1006 and 1015 are reported locally (no status, abnormal closure, TLS
 * failure) and never sent; 1004 and 1016 to 2999 are reserved; 3000 to 4999 belong to
 * libraries and applications. 1012 to 1014, registered after the RFC, are accepted, as browsers
 * do.
 */
public final class CloseCodes {
  /** The purpose of the connection was fulfilled. */
  public static final int NORMAL = 1000;
  /** The endpoint is going away: a server shutting down, a browser leaving the page. */
  public static final int GOING_AWAY = 1001;
  /** The peer broke the protocol. */
  public static final int PROTOCOL_ERROR = 1002;
  /** The peer sent a kind of data the endpoint cannot accept. */
  public static final int UNSUPPORTED_DATA = 1003;
  /** Reported locally when a close frame had no status code; never sent. */
  public static final int NO_STATUS = 1005;
  /** Reported locally when the connection dropped without a close frame; never sent. */
  public static final int ABNORMAL = 1006;
  /** The peer sent data that did not match the message type (text that is not UTF-8). */
  public static final int INVALID_PAYLOAD = 1007;
  /** The peer sent a message that violates the endpoint's policy. */
  public static final int POLICY_VIOLATION = 1008;
  /** The peer sent a frame or message over the endpoint's size limit. */
  public static final int MESSAGE_TOO_BIG = 1009;
  /** The server did not negotiate an extension the client requires. */
  public static final int MANDATORY_EXTENSION = 1010;
  /** The server hit an unexpected condition. */
  public static final int INTERNAL_ERROR = 1011;

  private CloseCodes() {}

  /** Returns true when {@code code} may appear in a close frame, sent or received. */
  public static boolean isValidOnWire(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }
}
