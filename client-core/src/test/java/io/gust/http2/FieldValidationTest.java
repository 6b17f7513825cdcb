package io.gust.http2;

import static io.gust.http2.Hpack.fields;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldValidationTest {
  private static final String[] REQUEST = {":method", "GET", ":scheme", "https", ":path", "/a",
      ":authority", "example.com"};

  @Test
  void aWellFormedRequestResponseAndTrailersPass() {
    assertDoesNotThrow(() -> FieldValidation.checkRequest(1,
        with(REQUEST, "accept", "*/*", "te", "trailers", "host", "EXAMPLE.com")));
    assertDoesNotThrow(() -> FieldValidation.checkRequest(1,
        fields(":method", "CONNECT", ":authority", "example.com:443")));
    assertDoesNotThrow(() -> FieldValidation.checkResponse(1,
        fields(":status", "204", "content-type", "text/plain", "x-empty", "")));
    assertDoesNotThrow(() -> FieldValidation.checkTrailers(1, fields("grpc-status", "0")));
  }

  @Test
  void namesMustBeLowerCaseTokens() {
    assertMalformed(() -> FieldValidation.checkRequest(1, with(REQUEST, "Accept", "*/*")));
    assertMalformed(() -> FieldValidation.checkRequest(1, with(REQUEST, "x a", "1")));
    assertMalformed(() -> FieldValidation.checkRequest(1, with(REQUEST, "x:a", "1")));
    assertMalformed(() -> FieldValidation.checkRequest(1, with(REQUEST, "", "1")));
    assertMalformed(() -> FieldValidation.checkRequest(1, with(REQUEST, "caf\u00e9", "1")));
  }

  @Test
  void valuesMustNotHoldLineBreaksNulOrEdgeWhitespace() {
    for (String value : List.of("a\r\nb", "a\nb", "a\u0000b", " a", "a\t")) {
      assertMalformed(() -> FieldValidation.checkResponse(1, fields(":status", "200", "x", value)));
    }
  }

  @Test
  void connectionSpecificFieldsAreRefused() {
    for (String name : List.of("connection", "proxy-connection", "keep-alive",
        "transfer-encoding", "upgrade")) {
      assertMalformed(() -> FieldValidation.checkResponse(1, fields(":status", "200", name, "x")));
    }
    assertMalformed(() -> FieldValidation.checkRequest(1, with(REQUEST, "te", "gzip")));
  }

  @Test
  void pseudoHeadersMustBeKnownFirstUniqueAndSuitedToTheMessage() {
    assertMalformed(() -> FieldValidation.checkRequest(1, with(REQUEST, ":method", "GET")));
    assertMalformed(() -> FieldValidation.checkRequest(1,
        fields(":method", "GET", "accept", "*/*", ":scheme", "https", ":path", "/")));
    assertMalformed(() -> FieldValidation.checkRequest(1, with(REQUEST, ":status", "200")));
    assertMalformed(() -> FieldValidation.checkRequest(1, with(REQUEST, ":protocol", "ws")));
    assertMalformed(() -> FieldValidation.checkResponse(1, fields(":status", "200", ":path", "/")));
    assertMalformed(() -> FieldValidation.checkTrailers(1, fields(":status", "200")));
  }

  @Test
  void requestsNeedTheirPseudoHeaders() {
    assertMalformed(() -> FieldValidation.checkRequest(1, fields(":scheme", "https", ":path", "/")));
    assertMalformed(() -> FieldValidation.checkRequest(1, fields(":method", "GET", ":path", "/")));
    assertMalformed(() -> FieldValidation.checkRequest(1,
        fields(":method", "GET", ":scheme", "https", ":path", "")));
    assertMalformed(() -> FieldValidation.checkRequest(1,
        fields(":method", "CONNECT", ":authority", "a:1", ":path", "/")));
    assertMalformed(() -> FieldValidation.checkRequest(1, with(REQUEST, "host", "other.example")));
  }

  @Test
  void responsesNeedOneThreeDigitStatus() {
    assertMalformed(() -> FieldValidation.checkResponse(1, fields("content-type", "text/plain")));
    assertMalformed(() -> FieldValidation.checkResponse(1, fields(":status", "20")));
    assertMalformed(() -> FieldValidation.checkResponse(1, fields(":status", "2x0")));
    assertMalformed(() -> FieldValidation.checkResponse(1, fields(":status", "101")));
    assertMalformed(() -> FieldValidation.checkResponse(1,
        fields(":status", "200", ":status", "200")));
  }

  private static List<HeaderField> with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return fields(all);
  }

  private static void assertMalformed(org.junit.jupiter.api.function.Executable check) {
    Http2Exception e = assertThrows(Http2Exception.class, check);
    assertFalse(e.isConnectionError());
    assertEquals(1, e.streamId());
    assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
  }
}
