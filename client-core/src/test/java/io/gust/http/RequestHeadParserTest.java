package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.client.Headers;
import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.Protocol;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestHeadParserTest {
  private static RequestHead parse(Feed feed, String head) throws IOException {
    return feed.run(new Buffer(), head, new RequestHeadParser()::parse);
  }

  private static int rejectedWith(Feed feed, String head) {
    return assertThrows(HttpProtocolException.class, () -> parse(feed, head)).suggestedStatus();
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void parsesRequestLineAndFields(Feed feed) throws IOException {
    RequestHead head = parse(feed, "POST /a/b?c=d HTTP/1.1\r\nHost: example.com\r\nContent-Length: 3\r\n\r\n");
    assertEquals("POST", head.method());
    assertEquals("/a/b?c=d", head.target());
    assertEquals(Protocol.HTTP_1_1, head.protocol());
    assertEquals(Headers.of("Host", "example.com", "Content-Length", "3"), head.headers());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void acceptsExtensionMethodsAndOtherTargetForms(Feed feed) throws IOException {
    assertEquals("PROPFIND", parse(feed, "PROPFIND * HTTP/1.0\r\n\r\n").method());
    assertEquals("example.com:443", parse(feed, "CONNECT example.com:443 HTTP/1.1\r\n\r\n").target());
    assertEquals("http://h/x", parse(feed, "GET http://h/x HTTP/1.1\r\n\r\n").target());
  }

  @Test
  void reusesCommonMethodConstants() throws IOException {
    assertSame("DELETE", parse(Feed.ALL_AT_ONCE, "DELETE /x HTTP/1.1\r\n\r\n").method());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsMethodsThatAreNotTokens(Feed feed) {
    assertEquals(400, rejectedWith(feed, "GE(T / HTTP/1.1\r\n\r\n"));
    assertEquals(400, rejectedWith(feed, " / HTTP/1.1\r\n\r\n"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsControlCharactersSpacesAndNonAsciiInTheTarget(Feed feed) {
    assertEquals(400, rejectedWith(feed, "GET /a\u0001b HTTP/1.1\r\n\r\n"));
    assertEquals(400, rejectedWith(feed, "GET /a b HTTP/1.1\r\n\r\n"));
    assertEquals(400, rejectedWith(feed, "GET /a\u007fb HTTP/1.1\r\n\r\n"));
    assertEquals(400, rejectedWith(feed, "GET /caf\u00e9 HTTP/1.1\r\n\r\n"));
    assertEquals(400, rejectedWith(feed, "GET  HTTP/1.1\r\n\r\n"));
    assertEquals(400, rejectedWith(feed, "GET  / HTTP/1.1\r\n\r\n"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsHttp09AndOtherVersions(Feed feed) {
    assertEquals(400, rejectedWith(feed, "GET /\r\n\r\n"));
    assertEquals(505, rejectedWith(feed, "GET / HTTP/2.0\r\n\r\n"));
    assertEquals(505, rejectedWith(feed, "GET / HTTP/1.1x\r\n\r\n"));
    assertEquals(400, rejectedWith(feed, "GET / FTP/1.1\r\n\r\n"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsObsoleteLineFoldingWith400(Feed feed) {
    assertEquals(400, rejectedWith(feed, "GET / HTTP/1.1\r\nA: 1\r\n 2\r\n\r\n"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsBareCarriageReturns(Feed feed) {
    assertEquals(400, rejectedWith(feed, "GET / HTTP/1.1\rHost: x\r\n\r\n"));
    assertEquals(400, rejectedWith(feed, "GET / HTTP/1.1\r\nHost: x\ry\r\n\r\n"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void acceptsBareLineFeedsAndSkipsLeadingEmptyLines(Feed feed) throws IOException {
    RequestHead head = parse(feed, "\r\nGET / HTTP/1.1\nHost: x\n\n");
    assertEquals(Headers.of("Host", "x"), head.headers());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void answers431WhenTheHeadIsTooLarge(Feed feed) {
    RequestHeadParser parser = new RequestHeadParser(CodecLimits.SERVER.withMaxHeadBytes(64));
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
        () -> feed.run(new Buffer(), "GET /" + "x".repeat(100), parser::parse));
    assertEquals(431, e.suggestedStatus());
  }

  @Test
  void keepsErrorMessagesFreeOfTheTarget() {
    HttpProtocolException e = assertThrows(HttpProtocolException.class,
        () -> parse(Feed.ALL_AT_ONCE, "GET /x?token=secret HTTP/3\r\n\r\n"));
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void errorsSayWhetherTheRequestLineOrAFieldBroke(Feed feed) {
    assertEquals(HttpProtocolException.Kind.BAD_REQUEST_LINE, assertThrows(
        HttpProtocolException.class, () -> parse(feed, "GET / HTTP/3\r\n\r\n")).kind());
    assertEquals(HttpProtocolException.Kind.BAD_HEADER, assertThrows(HttpProtocolException.class,
        () -> parse(feed, "GET / HTTP/1.1\r\nHost : x\r\n\r\n")).kind());
  }
}
