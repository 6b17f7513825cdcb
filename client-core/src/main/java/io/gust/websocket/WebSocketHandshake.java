package io.gust.websocket;

import io.gust.client.Headers;
import io.gust.http.HttpChars;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The opening handshake of RFC 6455 §4 as functions over header values: the client's
 * Sec-WebSocket-Key, the server's Sec-WebSocket-Accept, the Upgrade and Connection checks, and
 * subprotocol offer, selection and validation. Extension negotiation is {@link PerMessageDeflate}'s.
 * Stateless and thread-safe.
 */
public final class WebSocketHandshake {
  /** The GUID of RFC 6455 §1.3 that the accept value hashes with the key. */
  static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private static final SecureRandom KEYS = new SecureRandom();

  private WebSocketHandshake() {}

  /** Returns a fresh Sec-WebSocket-Key: 16 random bytes from a shared SecureRandom, in base64. */
  public static String newKey() {
    return newKey(KEYS);
  }

  /** Returns a Sec-WebSocket-Key made of 16 bytes from {@code random}, in base64. */
  public static String newKey(Random random) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    return Base64.getEncoder().encodeToString(nonce);
  }

  /** Returns true when {@code key} is the base64 encoding of 16 bytes, as a server must check. */
  public static boolean isValidKey(String key) {
    if (key == null || key.length() != 24) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(key).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Returns the Sec-WebSocket-Accept value a server answers {@code key} with. */
  public static String accept(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /**
   * Checks a server's 101 response to a request that sent {@code key}: the status, {@code
   * Upgrade: websocket}, {@code Connection: upgrade} and the one Sec-WebSocket-Accept value.
   */
  public static void checkResponse(int code, Headers headers, String key)
      throws WebSocketHandshakeException {
    if (code != 101) {
      throw new WebSocketHandshakeException("expected status 101 Switching Protocols, got " + code);
    }
    checkUpgradeHeaders(headers);
    List<String> accepts = headers.values("Sec-WebSocket-Accept");
    if (accepts.size() != 1 || !accepts.get(0).trim().equals(accept(key))) {
      throw new WebSocketHandshakeException("Sec-WebSocket-Accept does not match the key sent");
    }
  }

  /**
   * Checks an upgrade request as a server must (RFC 6455 §4.2.1) and returns its key: method
   * GET, {@code Upgrade: websocket}, {@code Connection: upgrade}, version 13 (else 426) and a
   * valid Sec-WebSocket-Key.
   */
  public static String checkRequest(String method, Headers headers) throws WebSocketHandshakeException {
    if (!"GET".equals(method)) {
      throw new WebSocketHandshakeException("a WebSocket upgrade must be a GET, not " + method);
    }
    checkUpgradeHeaders(headers);
    List<String> versions = headers.values("Sec-WebSocket-Version");
    if (versions.size() != 1 || !versions.get(0).trim().equals("13")) {
      throw new WebSocketHandshakeException("unsupported Sec-WebSocket-Version " + versions, 426);
    }
    List<String> keys = headers.values("Sec-WebSocket-Key");
    if (keys.size() != 1 || !isValidKey(keys.get(0).trim())) {
      throw new WebSocketHandshakeException("Sec-WebSocket-Key is missing or not 16 bytes in base64");
    }
    return keys.get(0).trim();
  }

  private static void checkUpgradeHeaders(Headers headers) throws WebSocketHandshakeException {
    if (!hasToken(headers, "Upgrade", "websocket")) {
      throw new WebSocketHandshakeException("Upgrade does not name websocket");
    }
    if (!hasToken(headers, "Connection", "upgrade")) {
      throw new WebSocketHandshakeException("Connection does not name upgrade");
    }
  }

  private static boolean hasToken(Headers headers, String name, String token)
      throws WebSocketHandshakeException {
    for (String value : ExtensionHeader.tokens(name, headers.values(name))) {
      if (value.equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the Sec-WebSocket-Protocol value offering {@code protocols} in order of preference;
   * throws IllegalArgumentException when one is not a token or appears twice.
   */
  public static String subprotocolOffer(List<String> protocols) {
    Set<String> seen = new HashSet<>();
    for (String protocol : protocols) {
      if (!HttpChars.isToken(protocol) || !seen.add(protocol)) {
        throw new IllegalArgumentException("bad or repeated subprotocol: " + protocol);
      }
    }
    return String.join(", ", protocols);
  }

  /**
   * Checks the response's Sec-WebSocket-Protocol values against what the client {@code offered}
   * and returns the server's choice, or null when it chose none. A server may answer with one of
   * the offered protocols only (matched exactly, as RFC 6455 §4.1 compares them).
   */
  public static String checkSubprotocol(List<String> offered, List<String> responseValues)
      throws WebSocketHandshakeException {
    List<String> chosen = ExtensionHeader.tokens("Sec-WebSocket-Protocol", responseValues);
    if (chosen.isEmpty()) {
      return null;
    }
    if (chosen.size() > 1) {
      throw new WebSocketHandshakeException("the server chose several subprotocols: " + chosen);
    }
    if (!offered.contains(chosen.get(0))) {
      throw new WebSocketHandshakeException("the server chose a subprotocol that was not offered");
    }
    return chosen.get(0);
  }

  /**
   * Returns the subprotocol a server answers with: the first of {@code supported} (the server's
   * order of preference) that the request's Sec-WebSocket-Protocol values offer, or null when
   * none is (the server then omits the header, and the client decides whether to go on).
   */
  public static String selectSubprotocol(List<String> requestValues, List<String> supported)
      throws WebSocketHandshakeException {
    List<String> offered = ExtensionHeader.tokens("Sec-WebSocket-Protocol", requestValues);
    for (String protocol : supported) {
      if (offered.contains(protocol)) {
        return protocol;
      }
    }
    return null;
  }
}
