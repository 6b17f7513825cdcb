package io.gust.websocket;

/**
 * The parameters of one permessage-deflate agreement (RFC 7692 §7.1), or of an offer or policy
 * that leads to one. A window of 15 bits is the default and is never written out.
 *
 * <p>The JDK's {@link java.util.zip.Deflater} always compresses raw deflate with a 15-bit window,
 * so Gust never agrees to compress with a smaller one: a client never offers {@code
 * client_max_window_bits}, and a server declines offers that ask for {@code
 * server_max_window_bits} below 15. Its {@link java.util.zip.Inflater} reads any window up to 15
 * bits, so every window the peer compresses with is accepted.
 *
 * @param serverNoContextTakeover the server resets its compressor after each message
 * @param clientNoContextTakeover the client resets its compressor after each message
 * @param serverMaxWindowBits the server's LZ77 window, 8 to 15 bits
 * @param clientMaxWindowBits the client's LZ77 window, 8 to 15 bits
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
    int serverMaxWindowBits, int clientMaxWindowBits) {
  /** Context takeover both ways and full windows: the best compression, and what Gust offers. */
  public static final DeflateParameters DEFAULT = new DeflateParameters(false, false, 15, 15);

  /** Checks the window sizes. */
  public DeflateParameters {
    if (!isWindowBits(serverMaxWindowBits) || !isWindowBits(clientMaxWindowBits)) {
      throw new IllegalArgumentException(
          "window bits must be 8 to 15: " + serverMaxWindowBits + ", " + clientMaxWindowBits);
    }
  }

  static boolean isWindowBits(int bits) {
    return bits >= 8 && bits <= 15;
  }

  /** Returns true when the endpoint of {@code role} resets its compressor after each message. */
  public boolean noContextTakeover(Role role) {
    return role == Role.CLIENT ? clientNoContextTakeover : serverNoContextTakeover;
  }

  /** Returns these parameters as one element of a Sec-WebSocket-Extensions value. */
  public String headerValue() {
    StringBuilder value = new StringBuilder(PerMessageDeflate.NAME);
    if (serverNoContextTakeover) {
      value.append("; server_no_context_takeover");
    }
    if (clientNoContextTakeover) {
      value.append("; client_no_context_takeover");
    }
    if (serverMaxWindowBits < 15) {
      value.append("; server_max_window_bits=").append(serverMaxWindowBits);
    }
    if (clientMaxWindowBits < 15) {
      value.append("; client_max_window_bits=").append(clientMaxWindowBits);
    }
    return value.toString();
  }
}
