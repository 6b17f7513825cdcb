package io.gust.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.Headers;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketHandshakeTest {
  /** RFC 6455 §1.3's example key and the accept value it gives. */
  private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  private static Headers upgradeResponse(String accept) {
    return Headers.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", accept);
  }

  private static Headers upgradeRequest(String version, String key) {
    return Headers.of("Host", "example.com", "Upgrade", "WebSocket", "Connection", "keep-alive, Upgrade",
        "Sec-WebSocket-Version", version, "Sec-WebSocket-Key", key);
  }

  @Test
  void computesTheAcceptValueOfTheRfcExample() {
    assertEquals(RFC_ACCEPT, WebSocketHandshake.accept(RFC_KEY));
  }

  @Test
  void newKeysAreSixteenRandomBytesInBase64() {
    String key = WebSocketHandshake.newKey();
    assertTrue(WebSocketHandshake.isValidKey(key));
    assertNotEquals(key, WebSocketHandshake.newKey());
    assertTrue(WebSocketHandshake.isValidKey(RFC_KEY));
    assertFalse(WebSocketHandshake.isValidKey("dGhlIHNhbXBsZSBub25jZQ"));
    assertFalse(WebSocketHandshake.isValidKey("dGhlIHNhbXBsZSBub25jZSE="));
    assertFalse(WebSocketHandshake.isValidKey("dGhlIHNhbXBsZSBub25j*Q=="));
    assertFalse(WebSocketHandshake.isValidKey(null));
  }

  @Test
  void acceptsAValidResponse() throws Exception {
    WebSocketHandshake.checkResponse(101, upgradeResponse(RFC_ACCEPT), RFC_KEY);
    WebSocketHandshake.checkResponse(101, Headers.of("Upgrade", "WebSocket", "Connection", "keep-alive, upgrade",
        "Sec-WebSocket-Accept", " " + RFC_ACCEPT), RFC_KEY);
  }

  @Test
  void refusesResponsesThatBreakTheHandshake() {
    assertThrows(WebSocketHandshakeException.class,
        () -> WebSocketHandshake.checkResponse(200, upgradeResponse(RFC_ACCEPT), RFC_KEY));
    assertThrows(WebSocketHandshakeException.class,
        () -> WebSocketHandshake.checkResponse(101, upgradeResponse("x" + RFC_ACCEPT), RFC_KEY));
    assertThrows(WebSocketHandshakeException.class, () -> WebSocketHandshake.checkResponse(101,
        upgradeResponse(RFC_ACCEPT).newBuilder().add("Sec-WebSocket-Accept", RFC_ACCEPT).build(), RFC_KEY));
    assertThrows(WebSocketHandshakeException.class, () -> WebSocketHandshake.checkResponse(101,
        upgradeResponse(RFC_ACCEPT).newBuilder().set("Upgrade", "h2c").build(), RFC_KEY));
    assertThrows(WebSocketHandshakeException.class, () -> WebSocketHandshake.checkResponse(101,
        upgradeResponse(RFC_ACCEPT).newBuilder().remove("Connection").build(), RFC_KEY));
  }

  @Test
  void aServerChecksTheRequestAndReturnsItsKey() throws Exception {
    assertEquals(RFC_KEY, WebSocketHandshake.checkRequest("GET", upgradeRequest("13", RFC_KEY)));
    assertEquals(400, assertThrows(WebSocketHandshakeException.class,
        () -> WebSocketHandshake.checkRequest("POST", upgradeRequest("13", RFC_KEY))).suggestedStatus());
    assertEquals(426, assertThrows(WebSocketHandshakeException.class,
        () -> WebSocketHandshake.checkRequest("GET", upgradeRequest("8", RFC_KEY))).suggestedStatus());
    assertEquals(400, assertThrows(WebSocketHandshakeException.class,
        () -> WebSocketHandshake.checkRequest("GET", upgradeRequest("13", "c2hvcnQ="))).suggestedStatus());
  }

  @Test
  void offersSubprotocolsAsTokensWithoutRepeats() {
    assertEquals("chat, superchat", WebSocketHandshake.subprotocolOffer(List.of("chat", "superchat")));
    assertThrows(IllegalArgumentException.class, () -> WebSocketHandshake.subprotocolOffer(List.of("a b")));
    assertThrows(IllegalArgumentException.class, () -> WebSocketHandshake.subprotocolOffer(List.of("a", "a")));
  }

  @Test
  void aClientAcceptsOnlyOneOfTheSubprotocolsItOffered() throws Exception {
    List<String> offered = List.of("chat", "superchat");
    assertNull(WebSocketHandshake.checkSubprotocol(offered, List.of()));
    assertEquals("superchat", WebSocketHandshake.checkSubprotocol(offered, List.of(" superchat ")));
    assertThrows(WebSocketHandshakeException.class,
        () -> WebSocketHandshake.checkSubprotocol(offered, List.of("other")));
    assertThrows(WebSocketHandshakeException.class,
        () -> WebSocketHandshake.checkSubprotocol(offered, List.of("chat, superchat")));
    assertThrows(WebSocketHandshakeException.class,
        () -> WebSocketHandshake.checkSubprotocol(offered, List.of("Chat")));
    assertThrows(WebSocketHandshakeException.class,
        () -> WebSocketHandshake.checkSubprotocol(List.of(), List.of("chat")));
  }

  @Test
  void aServerSelectsItsMostPreferredOfferedSubprotocol() throws Exception {
    List<String> request = List.of("v1.chat, v2.chat", "mqtt");
    assertEquals("v2.chat", WebSocketHandshake.selectSubprotocol(request, List.of("v3.chat", "v2.chat", "v1.chat")));
    assertNull(WebSocketHandshake.selectSubprotocol(request, List.of("stomp")));
    assertNull(WebSocketHandshake.selectSubprotocol(List.of(), List.of("stomp")));
    assertThrows(WebSocketHandshakeException.class,
        () -> WebSocketHandshake.selectSubprotocol(List.of("a b"), List.of("a")));
  }
}
