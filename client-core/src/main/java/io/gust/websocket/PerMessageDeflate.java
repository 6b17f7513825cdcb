package io.gust.websocket;

import io.gust.websocket.ExtensionHeader.Extension;
import io.gust.websocket.ExtensionHeader.Param;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Negotiates the permessage-deflate extension (RFC 7692) over Sec-WebSocket-Extensions values:
 * the client's offer, the server's choice among the offers, and the client's check of the
 * server's answer, each applying the validity rules of RFC 7692 §7.1. What Gust offers and accepts
 * around the JDK's fixed 15-bit compression window is described on {@link DeflateParameters}.
 * Stateless and thread-safe.
 */
public final class PerMessageDeflate {
  /** The extension's token. */
  public static final String NAME = "permessage-deflate";

  /** The header that carries offers and answers. */
  public static final String HEADER = ExtensionHeader.NAME;

  /** Parameters as parsed: a window of 0 was absent, -1 was present without a value. */
  private record Parsed(boolean serverNoContext, boolean clientNoContext, int serverBits, int clientBits) {}

  private PerMessageDeflate() {}

  /**
   * Returns the client's Sec-WebSocket-Extensions value asking for {@code wanted}; throws
   * IllegalArgumentException when it limits the client's window, which the JDK cannot honour.
   */
  public static String offer(DeflateParameters wanted) {
    if (wanted.clientMaxWindowBits() != 15) {
      throw new IllegalArgumentException("the JDK's Deflater compresses with a 15-bit window only");
    }
    return wanted.headerValue();
  }

  /**
   * Checks the server's Sec-WebSocket-Extensions values against the client's {@code offered}
   * parameters (null when the client offered no extension); returns the agreement, or null when
   * the server declined the extension. Any extension other than one permessage-deflate that was
   * offered, or parameters the offer does not allow, fail the handshake.
   */
  public static DeflateParameters accept(DeflateParameters offered, List<String> responseValues)
      throws WebSocketHandshakeException {
    List<Extension> answered = ExtensionHeader.parse(responseValues);
    if (answered.isEmpty()) {
      return null;
    }
    if (offered == null || answered.size() > 1 || !answered.get(0).name().equalsIgnoreCase(NAME)) {
      throw new WebSocketHandshakeException("the server answered with extensions not offered: "
          + responseValues);
    }
    Parsed answer = parse(answered.get(0), false);
    if (answer == null || answer.clientBits() != 0) {
      throw new WebSocketHandshakeException("invalid permessage-deflate answer: " + responseValues);
    }
    int serverBits = answer.serverBits() == 0 ? 15 : answer.serverBits();
    if ((offered.serverNoContextTakeover() && !answer.serverNoContext())
        || serverBits > offered.serverMaxWindowBits()) {
      throw new WebSocketHandshakeException("the server ignored the permessage-deflate offer's "
          + "server parameters: " + responseValues);
    }
    return new DeflateParameters(answer.serverNoContext(),
        answer.clientNoContext() || offered.clientNoContextTakeover(), serverBits, 15);
  }

  /**
   * Chooses, as a server, the first acceptable permessage-deflate offer among the request's
   * Sec-WebSocket-Extensions values and returns the agreement (answer with its {@link
   * DeflateParameters#headerValue()}), or null when none is acceptable. Offers with invalid
   * parameters, or asking for a server window under 15 bits, are declined. {@code policy}'s
   * no-context-takeover flags are added to what the client asked for.
   */
  public static DeflateParameters negotiate(List<String> requestValues, DeflateParameters policy)
      throws WebSocketHandshakeException {
    for (Extension extension : ExtensionHeader.parse(requestValues)) {
      if (!extension.name().equalsIgnoreCase(NAME)) {
        continue;
      }
      Parsed offer = parse(extension, true);
      if (offer != null && (offer.serverBits() == 0 || offer.serverBits() == 15)) {
        return new DeflateParameters(offer.serverNoContext() || policy.serverNoContextTakeover(),
            offer.clientNoContext() || policy.clientNoContextTakeover(), 15, 15);
      }
    }
    return null;
  }

  /** Parses one element's parameters; returns null when they break RFC 7692 §7.1. */
  private static Parsed parse(Extension extension, boolean isOffer) {
    Set<String> seen = new HashSet<>();
    boolean serverNoContext = false;
    boolean clientNoContext = false;
    int serverBits = 0;
    int clientBits = 0;
    for (Param param : extension.params()) {
      String name = param.name().toLowerCase(Locale.ROOT);
      if (!seen.add(name)) {
        return null;
      }
      switch (name) {
        case "server_no_context_takeover" -> serverNoContext = true;
        case "client_no_context_takeover" -> clientNoContext = true;
        case "server_max_window_bits" -> serverBits = windowBits(param.value());
        case "client_max_window_bits" ->
            clientBits = param.value() == null && isOffer ? -1 : windowBits(param.value());
        default -> {
          return null;
        }
      }
      if (serverBits == -2 || clientBits == -2
          || (name.endsWith("context_takeover") && param.value() != null)) {
        return null;
      }
    }
    return new Parsed(serverNoContext, clientNoContext, serverBits, clientBits);
  }

  /** Returns the window of a value {@code 8} to {@code 15} (no leading zeros), else -2. */
  private static int windowBits(String value) {
    if (value == null || value.isEmpty() || value.length() > 2 || value.charAt(0) == '0') {
      return -2;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return -2;
      }
    }
    int bits = Integer.parseInt(value);
    return DeflateParameters.isWindowBits(bits) ? bits : -2;
  }
}
