package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.Headers;
import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.Protocol;
import io.gust.http.BodyFraming.Kind;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BodyFramingTest {
  private static BodyFraming response(String method, int code, String... fields) throws HttpProtocolException {
    return response(Protocol.HTTP_1_1, method, code, fields);
  }

  private static BodyFraming response(Protocol protocol, String method, int code, String... fields)
      throws HttpProtocolException {
    return BodyFraming.forResponse(method, new ResponseHead(protocol, code, "", Headers.of(fields)));
  }

  private static BodyFraming request(Protocol protocol, String... fields) throws HttpProtocolException {
    return BodyFraming.forRequest(new RequestHead("POST", "/", protocol, Headers.of(fields)));
  }

  private static int requestRejectedWith(String... fields) {
    return assertThrows(HttpProtocolException.class, () -> request(Protocol.HTTP_1_1, fields))
        .suggestedStatus();
  }

  @Test
  void oneHeadKeepsItsFramingForGetButNotForHeadOrConnect() throws HttpProtocolException {
    ResponseHead head = new ResponseHead(Protocol.HTTP_1_1, 200, "",
        Headers.of("Content-Length", "6"));
    BodyFraming get = BodyFraming.forResponse("GET", head);
    assertEquals(Kind.FIXED_LENGTH, get.kind());
    assertSame(get, BodyFraming.forResponse("POST", head));
    assertEquals(Kind.NONE, BodyFraming.forResponse("HEAD", head).kind());
    assertEquals(Kind.NONE, BodyFraming.forResponse("CONNECT", head).kind());
    assertEquals(6, BodyFraming.forResponse("GET", head).contentLength());
  }

  @Test
  void responsesToHeadHaveNoBodyWhateverTheyAnnounce() throws HttpProtocolException {
    BodyFraming framing = response("HEAD", 200, "Content-Length", "100", "Transfer-Encoding", "chunked");
    assertEquals(Kind.NONE, framing.kind());
    assertEquals(0, framing.contentLength());
    assertTrue(framing.isKeepAlive());
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 103, 204, 304})
  void interimNoContentAndNotModifiedHaveNoBody(int code) throws HttpProtocolException {
    assertEquals(Kind.NONE, response("GET", code, "Content-Length", "10").kind());
  }

  @Test
  void successfulConnectBecomesATunnelWithoutBody() throws HttpProtocolException {
    BodyFraming framing = response("CONNECT", 200, "Content-Length", "10");
    assertEquals(Kind.NONE, framing.kind());
    assertFalse(framing.isKeepAlive());
    assertEquals(Kind.FIXED_LENGTH, response("CONNECT", 407, "Content-Length", "10").kind());
  }

  @Test
  void switchingProtocolsEndsHttpOnTheConnection() throws HttpProtocolException {
    assertFalse(response("GET", 101, "Upgrade", "websocket", "Connection", "upgrade").isKeepAlive());
  }

  @Test
  void bareChunkedTransferCodingMeansChunked() throws HttpProtocolException {
    assertEquals(Kind.CHUNKED, response("GET", 200, "Transfer-Encoding", "chunked").kind());
    assertEquals(Kind.CHUNKED, response("GET", 200, "Transfer-Encoding", " CHUNKED ,").kind());
    assertTrue(response("GET", 200, "Transfer-Encoding", "chunked").isKeepAlive());
  }

  /** Regression: codings Gust cannot remove were skipped and their bytes handed on as the body. */
  @ParameterizedTest
  @ValueSource(strings = {"gzip, chunked", "chunked, gzip", "gzip", "identity", "chunked;x=1",
      "x-gzip ; level=\"9\", chunked"})
  void responseWithACodingOtherThanChunkedIsRefused(String codings) {
    assertEquals(HttpProtocolException.Kind.UNSUPPORTED_TRANSFER_CODING,
        responseError("Transfer-Encoding", codings));
  }

  /** Regression: "chunked x" was read as chunked, its trailing token ignored. */
  @ParameterizedTest
  @ValueSource(strings = {"chunked x", "chunked;", "chunked; x", "chunked;x=", "chunked;x=\"1",
      "chunked;=1", "chunked/1", "\"chunked\"", "chunked;x=1 y"})
  void malformedTransferCodingListIsRefusedOnBothSides(String codings) {
    assertEquals(HttpProtocolException.Kind.BAD_TRANSFER_ENCODING,
        responseError("Transfer-Encoding", codings));
    assertEquals(400, requestRejectedWith("Transfer-Encoding", codings));
  }

  @Test
  void chunkedTwiceIsAnError() {
    assertThrows(HttpProtocolException.class, () -> response("GET", 200, "Transfer-Encoding", "chunked, chunked"));
  }

  @Test
  void responseWithTransferEncodingAndContentLengthIsRejectedAgainstSmuggling() {
    assertThrows(HttpProtocolException.class,
        () -> response("GET", 200, "Content-Length", "5", "Transfer-Encoding", "chunked"));
  }

  @Test
  void transferEncodingInHttp10ForbidsReuse() throws HttpProtocolException {
    assertFalse(response(Protocol.HTTP_1_0, "GET", 200, "Transfer-Encoding", "chunked",
        "Connection", "keep-alive").isKeepAlive());
  }

  @Test
  void contentLengthFramesAFixedLengthBody() throws HttpProtocolException {
    BodyFraming framing = response("GET", 200, "Content-Length", "42");
    assertEquals(Kind.FIXED_LENGTH, framing.kind());
    assertEquals(42, framing.contentLength());
  }

  @Test
  void identicalRepeatedContentLengthsAreAccepted() throws HttpProtocolException {
    assertEquals(5, response("GET", 200, "Content-Length", "5, 5").contentLength());
    assertEquals(5, response("GET", 200, "Content-Length", "5", "Content-Length", "5").contentLength());
  }

  @ParameterizedTest
  @ValueSource(strings = {"5, 6", "-1", "+5", "5a", "0x10", "", " , ", "99999999999999999999", "1 2"})
  void invalidOrConflictingContentLengthIsAnError(String value) {
    assertThrows(HttpProtocolException.class, () -> response("GET", 200, "Content-Length", value));
  }

  @Test
  void conflictingContentLengthsAcrossFieldLinesAreAnError() {
    assertThrows(HttpProtocolException.class,
        () -> response("GET", 200, "Content-Length", "5", "Content-Length", "6"));
  }

  @Test
  void responseWithoutLengthReadsUntilCloseAndIsNotReusable() throws HttpProtocolException {
    BodyFraming framing = response("GET", 200);
    assertEquals(Kind.UNTIL_CLOSE, framing.kind());
    assertEquals(-1, framing.contentLength());
    assertFalse(framing.isKeepAlive());
  }

  @Test
  void http11IsReusableUnlessConnectionClose() throws HttpProtocolException {
    assertTrue(response("GET", 200, "Content-Length", "0").isKeepAlive());
    assertFalse(response("GET", 200, "Content-Length", "0", "Connection", "Close").isKeepAlive());
    assertFalse(response("GET", 200, "Content-Length", "0", "Connection", "upgrade, close").isKeepAlive());
    assertFalse(response("GET", 200, "Content-Length", "0", "Connection", "x", "Connection", "close").isKeepAlive());
    assertTrue(response("GET", 200, "Content-Length", "0", "Connection", "closed").isKeepAlive());
  }

  @Test
  void http10IsReusableOnlyWithKeepAlive() throws HttpProtocolException {
    assertFalse(response(Protocol.HTTP_1_0, "GET", 200, "Content-Length", "0").isKeepAlive());
    assertTrue(response(Protocol.HTTP_1_0, "GET", 200, "Content-Length", "0", "Connection", "Keep-Alive").isKeepAlive());
  }

  @Test
  void requestWithChunkedTransferCodingIsChunked() throws HttpProtocolException {
    BodyFraming framing = request(Protocol.HTTP_1_1, "Transfer-Encoding", "chunked");
    assertEquals(Kind.CHUNKED, framing.kind());
    assertTrue(framing.isKeepAlive());
  }

  @Test
  void requestWithTransferCodingNotEndingInChunkedIsRejectedWith400() {
    assertEquals(400, requestRejectedWith("Transfer-Encoding", "chunked, gzip"));
    assertEquals(400, requestRejectedWith("Transfer-Encoding", "gzip"));
  }

  @Test
  void requestWithAnotherCodingBeforeChunkedIsRejectedWith501() {
    assertEquals(501, requestRejectedWith("Transfer-Encoding", "gzip, chunked"));
    assertEquals(501, requestRejectedWith("Transfer-Encoding", "foo;q=\"a\\\"b\"", "Transfer-Encoding", "chunked"));
    assertEquals(HttpProtocolException.Kind.UNSUPPORTED_TRANSFER_CODING, assertThrows(
        HttpProtocolException.class,
        () -> request(Protocol.HTTP_1_1, "Transfer-Encoding", "gzip, chunked")).kind());
  }

  @Test
  void requestWithTransferEncodingAndContentLengthIsRejectedAgainstSmuggling() {
    assertEquals(400, requestRejectedWith("Transfer-Encoding", "chunked", "Content-Length", "3"));
  }

  @Test
  void http10RequestWithTransferEncodingIsRejected() {
    assertThrows(HttpProtocolException.class,
        () -> request(Protocol.HTTP_1_0, "Transfer-Encoding", "chunked"));
  }

  @Test
  void requestContentLengthFollowsTheResponseRules() throws HttpProtocolException {
    assertEquals(7, request(Protocol.HTTP_1_1, "Content-Length", "7").contentLength());
    assertEquals(400, requestRejectedWith("Content-Length", "7, 8"));
    assertEquals(400, requestRejectedWith("Content-Length", "abc"));
  }

  @Test
  void requestWithoutFramingFieldsHasNoBody() throws HttpProtocolException {
    assertEquals(Kind.NONE, request(Protocol.HTTP_1_1).kind());
    assertEquals(Kind.NONE, request(Protocol.HTTP_1_1, "Content-Length", "0").kind());
    assertFalse(request(Protocol.HTTP_1_0).isKeepAlive());
    assertTrue(request(Protocol.HTTP_1_0, "Connection", "keep-alive").isKeepAlive());
  }

  @Test
  void announcedLengthOverTheBodyLimitFailsBeforeReading() throws HttpProtocolException {
    BodyFraming framing = response("GET", 200, "Content-Length", "1001");
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
        () -> framing.newDecoder(CodecLimits.CLIENT.withMaxBodyBytes(1000)));
    assertEquals(MessageTooLargeException.Limit.BODY_BYTES, e.limit());
    assertEquals(413, e.suggestedStatus());
  }

  @Test
  void errorsSayWhichFramingFieldBroke() {
    assertEquals(HttpProtocolException.Kind.BAD_CONTENT_LENGTH, responseError("Content-Length", "x"));
    assertEquals(HttpProtocolException.Kind.CONFLICTING_LENGTH,
        responseError("Content-Length", "1", "Content-Length", "2"));
    assertEquals(HttpProtocolException.Kind.CONFLICTING_FRAMING,
        responseError("Transfer-Encoding", "chunked", "Content-Length", "2"));
    assertEquals(HttpProtocolException.Kind.BAD_TRANSFER_ENCODING,
        responseError("Transfer-Encoding", "chunked, chunked"));
  }

  private static HttpProtocolException.Kind responseError(String... fields) {
    return assertThrows(HttpProtocolException.class, () -> response("GET", 200, fields)).kind();
  }
}
