package io.gust.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** permessage-deflate negotiation and the validity rules of RFC 7692 §7.1. */
class PerMessageDeflateTest {
  private static final DeflateParameters DEFAULT = DeflateParameters.DEFAULT;

  private static DeflateParameters accept(String answer) throws WebSocketHandshakeException {
    return PerMessageDeflate.accept(DEFAULT, List.of(answer));
  }

  private static DeflateParameters negotiate(String... offers) throws WebSocketHandshakeException {
    return PerMessageDeflate.negotiate(List.of(offers), DEFAULT);
  }

  @Test
  void offersWhatWasAskedButNeverLimitsTheClientsWindow() {
    assertEquals("permessage-deflate", PerMessageDeflate.offer(DEFAULT));
    assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10",
        PerMessageDeflate.offer(new DeflateParameters(true, true, 10, 15)));
    assertThrows(IllegalArgumentException.class,
        () -> PerMessageDeflate.offer(new DeflateParameters(false, false, 15, 12)));
    assertThrows(IllegalArgumentException.class, () -> new DeflateParameters(false, false, 7, 15));
  }

  @Test
  void aClientAcceptsTheServersValidAnswers() throws Exception {
    assertNull(PerMessageDeflate.accept(DEFAULT, List.of()));
    assertEquals(DEFAULT, accept("permessage-deflate"));
    assertEquals(DEFAULT, accept("Permessage-Deflate"));
    assertEquals(new DeflateParameters(true, true, 15, 15),
        accept("permessage-deflate; server_no_context_takeover; client_no_context_takeover"));
    assertEquals(new DeflateParameters(false, false, 9, 15), accept("permessage-deflate; server_max_window_bits=9"));
    assertEquals(new DeflateParameters(false, false, 10, 15), accept("permessage-deflate;server_max_window_bits=\"10\""));
  }

  @Test
  void aClientThatOfferedNoExtensionRefusesAnyInTheAnswer() throws Exception {
    assertNull(PerMessageDeflate.accept(null, List.of()));
    assertThrows(WebSocketHandshakeException.class,
        () -> PerMessageDeflate.accept(null, List.of("permessage-deflate")));
  }

  @Test
  void aClientHintingNoContextTakeoverKeepsToIt() throws Exception {
    DeflateParameters offered = new DeflateParameters(false, true, 15, 15);
    assertEquals(offered, PerMessageDeflate.accept(offered, List.of("permessage-deflate")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "permessage-deflate; client_max_window_bits=10",
      "permessage-deflate; client_max_window_bits",
      "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
      "permessage-deflate; server_no_context_takeover=1",
      "permessage-deflate; server_max_window_bits",
      "permessage-deflate; server_max_window_bits=16",
      "permessage-deflate; server_max_window_bits=7",
      "permessage-deflate; server_max_window_bits=08",
      "permessage-deflate; server_max_window_bits=\"1 0\"",
      "permessage-deflate; mystery",
      "x-webkit-deflate-frame",
      "permessage-deflate, permessage-deflate",
      "permessage-deflate; ",
      "permessage-deflate; server_max_window_bits=\"10"})
  void aClientRefusesInvalidOrUnofferedAnswers(String answer) {
    assertThrows(WebSocketHandshakeException.class, () -> accept(answer));
  }

  @Test
  void aClientRefusesAnAnswerThatIgnoresItsServerParameters() {
    DeflateParameters offered = new DeflateParameters(true, false, 10, 15);
    assertThrows(WebSocketHandshakeException.class,
        () -> PerMessageDeflate.accept(offered, List.of("permessage-deflate; server_max_window_bits=10")));
    assertThrows(WebSocketHandshakeException.class, () -> PerMessageDeflate.accept(offered,
        List.of("permessage-deflate; server_no_context_takeover; server_max_window_bits=11")));
    assertThrows(WebSocketHandshakeException.class, () -> PerMessageDeflate.accept(offered,
        List.of("permessage-deflate; server_no_context_takeover")));
  }

  @Test
  void aServerAcceptsTheFirstOfferItCanHonour() throws Exception {
    assertEquals(DEFAULT, negotiate("permessage-deflate"));
    assertEquals(DEFAULT, negotiate("permessage-deflate; client_max_window_bits"));
    assertEquals(DEFAULT, negotiate("permessage-deflate; client_max_window_bits=9"));
    assertEquals(DEFAULT, negotiate("permessage-deflate; server_max_window_bits=15"));
    assertEquals(new DeflateParameters(true, false, 15, 15),
        negotiate("x-webkit-deflate-frame, permessage-deflate; server_max_window_bits=10",
            "permessage-deflate; server_no_context_takeover"));
    assertEquals(new DeflateParameters(false, true, 15, 15),
        negotiate("permessage-deflate; client_no_context_takeover"));
  }

  @Test
  void aServerDeclinesOffersItCannotHonourOrThatAreInvalid() throws Exception {
    assertNull(negotiate());
    assertNull(negotiate("x-webkit-deflate-frame"));
    assertNull(negotiate("permessage-deflate; server_max_window_bits=10"));
    assertNull(negotiate("permessage-deflate; client_max_window_bits; client_max_window_bits"));
    assertNull(negotiate("permessage-deflate; server_max_window_bits"));
    assertNull(negotiate("permessage-deflate; mystery=1"));
    assertThrows(WebSocketHandshakeException.class, () -> negotiate("permessage-deflate; =1"));
  }

  @Test
  void aServersPolicyAddsNoContextTakeover() throws Exception {
    DeflateParameters policy = new DeflateParameters(true, true, 15, 15);
    DeflateParameters agreed = PerMessageDeflate.negotiate(List.of("permessage-deflate"), policy);
    assertEquals(policy, agreed);
    assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover", agreed.headerValue());
  }

  @Test
  void arbitraryHeaderValuesNegotiateOrFailTyped() {
    java.util.Random random = new java.util.Random(7692);
    String alphabet = "permessage-deflate; ,=\"\\\tserver_client_max_window_bits_no_context_takeover0189150";
    for (int round = 0; round < 20_000; round++) {
      StringBuilder value = new StringBuilder();
      for (int i = random.nextInt(60); i > 0; i--) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      List<String> values = List.of(value.toString());
      try {
        DeflateParameters agreed = PerMessageDeflate.negotiate(values, DEFAULT);
        if (agreed != null) {
          assertEquals(agreed, PerMessageDeflate.accept(agreed, List.of(agreed.headerValue())));
        }
      } catch (WebSocketHandshakeException expected) {
        // A malformed list is a typed handshake failure.
      }
      try {
        PerMessageDeflate.accept(DEFAULT, values);
      } catch (WebSocketHandshakeException expected) {
        // An invalid answer is a typed handshake failure.
      }
    }
  }

  @Test
  void whatAServerAnswersAClientAccepts() throws Exception {
    for (DeflateParameters offer : List.of(DEFAULT, new DeflateParameters(true, false, 15, 15),
        new DeflateParameters(false, true, 15, 15), new DeflateParameters(true, true, 15, 15))) {
      DeflateParameters agreed = PerMessageDeflate.negotiate(List.of(PerMessageDeflate.offer(offer)), DEFAULT);
      assertEquals(agreed, PerMessageDeflate.accept(offer, List.of(agreed.headerValue())));
    }
  }
}
