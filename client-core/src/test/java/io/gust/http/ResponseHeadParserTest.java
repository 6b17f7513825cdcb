package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.Headers;
import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.Phase;
import io.gust.client.Protocol;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ResponseHeadParserTest {
  private static ResponseHead parse(Feed feed, String head) throws IOException {
    return parse(feed, new Buffer(), head, CodecLimits.CLIENT);
  }

  private static ResponseHead parse(Feed feed, Buffer in, String head, CodecLimits limits)
      throws IOException {
    ResponseHeadParser parser = new ResponseHeadParser(limits);
    return feed.run(in, head, parser::parse);
  }

  private static HttpProtocolException rejects(Feed feed, String head) {
    return assertThrows(HttpProtocolException.class, () -> parse(feed, head));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void parsesStatusLineAndHeaderFields(Feed feed) throws IOException {
    ResponseHead head = parse(feed, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Thing: a b\r\n\r\n");
    assertEquals(Protocol.HTTP_1_1, head.protocol());
    assertEquals(200, head.code());
    assertEquals("OK", head.reason());
    assertEquals(Headers.of("Content-Type", "text/plain", "X-Thing", "a b"), head.headers());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void acceptsHttp10(Feed feed) throws IOException {
    assertEquals(Protocol.HTTP_1_0, parse(feed, "HTTP/1.0 404 Not Found\r\n\r\n").protocol());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void acceptsOddThreeDigitCodes(Feed feed) throws IOException {
    assertEquals(599, parse(feed, "HTTP/1.1 599 Whatever\r\n\r\n").code());
    assertEquals(999, parse(feed, "HTTP/1.1 999 \r\n\r\n").code());
    assertEquals(100, parse(feed, "HTTP/1.1 100 Continue\r\n\r\n").code());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsCodesThatAreNotThreeDigitsFrom100(Feed feed) {
    rejects(feed, "HTTP/1.1 20 OK\r\n\r\n");
    rejects(feed, "HTTP/1.1 2000 OK\r\n\r\n");
    rejects(feed, "HTTP/1.1 099 Low\r\n\r\n");
    rejects(feed, "HTTP/1.1 2x0 OK\r\n\r\n");
    rejects(feed, "HTTP/1.1\r\n\r\n");
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void acceptsEmptyAndMissingReasons(Feed feed) throws IOException {
    assertEquals("", parse(feed, "HTTP/1.1 204 \r\n\r\n").reason());
    assertEquals("", parse(feed, "HTTP/1.1 204\r\n\r\n").reason());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void decodesObsTextReasonAsLatin1(Feed feed) throws IOException {
    assertEquals("Tr\u00e8s bien\t!", parse(feed, "HTTP/1.1 200 Tr\u00e8s bien\t!\r\n\r\n").reason());
  }

  @Test
  void reusesTheStandardReasonPhrase() throws IOException {
    assertSame(ReasonPhrases.of(404), parse(Feed.ALL_AT_ONCE, "HTTP/1.1 404 Not Found\r\n\r\n").reason());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsOtherVersions(Feed feed) {
    rejects(feed, "HTTP/2 200 OK\r\n\r\n");
    rejects(feed, "HTTP/1.2 200 OK\r\n\r\n");
    rejects(feed, "HTTP/0.9 200 OK\r\n\r\n");
    rejects(feed, "http/1.1 200 OK\r\n\r\n");
    rejects(feed, "ICY 200 OK\r\n\r\n");
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsControlCharactersInReason(Feed feed) {
    rejects(feed, "HTTP/1.1 200 O\u0000K\r\n\r\n");
    rejects(feed, "HTTP/1.1 200 O\rK\r\n\r\n");
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void trimsOptionalWhitespaceAroundValues(Feed feed) throws IOException {
    ResponseHead head = parse(feed, "HTTP/1.1 200 OK\r\nA:x\r\nB: \t y z \t\r\nC:\r\nD:   \r\n\r\n");
    assertEquals(Headers.of("A", "x", "B", "y z", "C", "", "D", ""), head.headers());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void keepsRepeatedFieldsInOrder(Feed feed) throws IOException {
    ResponseHead head = parse(feed, "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nVary: x\r\nset-cookie: b=2\r\n\r\n");
    assertEquals(List.of("a=1", "b=2"), head.headers().values("Set-Cookie"));
    assertEquals("set-cookie", head.headers().name(2));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void unfoldsObsoleteLineFoldingIntoOneSpace(Feed feed) throws IOException {
    ResponseHead head = parse(feed, "HTTP/1.1 200 OK\r\nX-Long: first\r\n  second\r\n\tthird \r\nY: z\r\n\r\n");
    assertEquals(Headers.of("X-Long", "first second third", "Y", "z"), head.headers());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsFoldingBeforeTheFirstField(Feed feed) {
    rejects(feed, "HTTP/1.1 200 OK\r\n folded: x\r\n\r\n");
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void acceptsBareLineFeeds(Feed feed) throws IOException {
    ResponseHead head = parse(feed, "HTTP/1.1 200 OK\nA: 1\r\nB: 2\n\n");
    assertEquals(Headers.of("A", "1", "B", "2"), head.headers());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsBareCarriageReturns(Feed feed) {
    rejects(feed, "HTTP/1.1 200 OK\r\nA: 1\rB: 2\r\n\r\n");
    rejects(feed, "HTTP/1.1 200 OK\r\nA\r: 1\r\n\r\n");
    rejects(feed, "HTTP/1.1 200 OK\r\n\r\r\n\r\n");
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsWhitespaceBetweenNameAndColon(Feed feed) {
    assertTrue(rejects(feed, "HTTP/1.1 200 OK\r\nA : 1\r\n\r\n").getMessage().contains("whitespace"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsMalformedFieldLines(Feed feed) {
    rejects(feed, "HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n");
    rejects(feed, "HTTP/1.1 200 OK\r\n: empty name\r\n\r\n");
    rejects(feed, "HTTP/1.1 200 OK\r\nA(b): 1\r\n\r\n");
    rejects(feed, "HTTP/1.1 200 OK\r\nA: nul\u0000inside\r\n\r\n");
  }

  /** Regression: an HTTP/2 server's SETTINGS frame (no line end ever) waited for close. */
  @ParameterizedTest
  @EnumSource(Feed.class)
  void failsAtTheFirstBytesThatCannotStartAStatusLine(Feed feed) {
    HttpProtocolException e = rejects(feed, "\u0000\u0000\u0006\u0004\u0000\u0000\u0000\u0000\u0000");
    assertEquals(HttpProtocolException.Kind.BAD_STATUS_LINE, e.kind());
    assertEquals(HttpProtocolException.Kind.BAD_STATUS_LINE, rejects(feed, "\r\nHTTX").kind());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void waitsWhileTheBytesCanStillStartAStatusLine(Feed feed) throws IOException {
    assertNull(parse(feed, "\r\nHTT"));
    assertNull(parse(feed, "HTTP/1.1 2"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void skipsEmptyLinesBeforeTheStatusLine(Feed feed) throws IOException {
    assertEquals(200, parse(feed, "\r\n\nHTTP/1.1 200 OK\r\n\r\n").code());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void asksForMoreUntilTheEmptyLine(Feed feed) throws IOException {
    Buffer in = new Buffer();
    assertNull(parse(feed, in, "HTTP/1.1 200 OK\r\nA: 1\r\n", CodecLimits.CLIENT));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void leavesTheBodyInTheBuffer(Feed feed) throws IOException {
    Buffer in = new Buffer();
    parse(feed, in, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", CodecLimits.CLIENT);
    assertEquals("hello", in.readUtf8());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void parsesInterimThenFinalResponsesWithOneParser(Feed feed) throws IOException {
    ResponseHeadParser parser = new ResponseHeadParser();
    Buffer in = new Buffer();
    ResponseHead interim = feed.run(in, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nA: 1\r\n\r\n", parser::parse);
    assertTrue(interim.isInterim());
    assertEquals(Headers.empty(), interim.headers());
    ResponseHead last = parser.parse(in);
    assertEquals(201, last.code());
    assertEquals(Headers.of("A", "1"), last.headers());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void failsAsSoonAsAnUnterminatedLinePassesTheHeadLimit(Feed feed) throws IOException {
    ResponseHeadParser parser = new ResponseHeadParser(CodecLimits.CLIENT.withMaxHeadBytes(100));
    Buffer in = new Buffer();
    assertNull(feed.run(in, "HTTP/1.1 200 OK\r\nX: " + "a".repeat(70), parser::parse));
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
        () -> feed.run(in, "a".repeat(20), parser::parse));
    assertEquals(MessageTooLargeException.Limit.HEAD_BYTES, e.limit());
    assertEquals(100, e.limitValue());
    assertEquals(431, e.suggestedStatus());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void acceptsAHeadOfExactlyTheLimit(Feed feed) throws IOException {
    String head = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(60) + "\r\n\r\n";
    CodecLimits limits = CodecLimits.CLIENT.withMaxHeadBytes(head.length());
    assertEquals(200, parse(feed, new Buffer(), head, limits).code());
    assertThrows(MessageTooLargeException.class,
        () -> parse(feed, new Buffer(), head, limits.withMaxHeadBytes(head.length() - 1)));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void failsPastTheHeaderCountLimit(Feed feed) throws IOException {
    CodecLimits limits = CodecLimits.CLIENT.withMaxHeaderCount(3);
    assertEquals(3, parse(feed, new Buffer(), "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits)
        .headers().size());
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
        () -> parse(feed, new Buffer(), "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", limits));
    assertEquals(MessageTooLargeException.Limit.HEADER_COUNT, e.limit());
    assertEquals(Phase.HEADERS, e.phase());
  }

  /** Pins: the client refused one 64 KiB field, and 200 fields, that curl and browsers accept. */
  @ParameterizedTest
  @EnumSource(Feed.class)
  void defaultLimitsAcceptA64KibFieldAndHundredsOfFields(Feed feed) throws IOException {
    String big = "v".repeat(64 * 1024);
    ResponseHead one = parse(feed, "HTTP/1.1 200 OK\r\nDate: now\r\nBig: " + big + "\r\n\r\n");
    assertEquals(big, one.headers().get("Big"));
    StringBuilder many = new StringBuilder("HTTP/1.1 200 OK\r\n");
    for (int i = 0; i < 1000; i++) {
      many.append("X-Field-").append(i).append(": value ").append(i).append("\r\n");
    }
    assertEquals(1000, parse(feed, many.append("\r\n").toString()).headers().size());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void failsAsSoonAsAnUnterminatedLinePassesTheLineLimit(Feed feed) throws IOException {
    ResponseHeadParser parser = new ResponseHeadParser(CodecLimits.CLIENT);
    Buffer in = new Buffer();
    String start = "HTTP/1.1 200 OK\r\nX: ";
    assertNull(feed.run(in, start + "a".repeat(100 * 1024 - start.length() + 16), parser::parse));
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
        () -> feed.run(in, "a".repeat(100), parser::parse));
    assertEquals(MessageTooLargeException.Limit.FIELD_LINE_BYTES, e.limit());
    assertEquals(100 * 1024, e.limitValue());
    assertEquals(431, e.suggestedStatus());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void defaultHeadLimitIs300KibOverLinesWithinTheirLimit(Feed feed) throws IOException {
    String line = "X: " + "a".repeat(50 * 1024) + "\r\n";
    String head = "HTTP/1.1 200 OK\r\n" + line.repeat(7) + "\r\n";
    MessageTooLargeException e =
        assertThrows(MessageTooLargeException.class, () -> parse(feed, head));
    assertEquals(MessageTooLargeException.Limit.HEAD_BYTES, e.limit());
    assertEquals(300 * 1024, e.limitValue());
    assertEquals(5, parse(feed, "HTTP/1.1 200 OK\r\n" + line.repeat(5) + "\r\n")
        .headers().size());
  }

  /** Quadratic rescanning would take minutes here; a separate thread makes the timeout bite. */
  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void feedingALargeHeadOneByteAtATimeTakesLinearTime() throws IOException {
    int size = 512 * 1024;
    ResponseHeadParser parser = new ResponseHeadParser(
        CodecLimits.CLIENT.withMaxHeadBytes(size + 100).withMaxFieldLineBytes(size + 100));
    Buffer in = new Buffer();
    ResponseHead head = Feed.BYTE_BY_BYTE.run(in, "HTTP/1.1 200 OK\r\nBig: " + "b".repeat(size) + "\r\n\r\n", parser::parse);
    assertEquals(size, head.headers().get("Big").length());
  }

  @Test
  void internsCommonFieldNamesInBothSpellings() throws IOException {
    ResponseHead head = parse(Feed.ALL_AT_ONCE, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\ncontent-type: a/b\r\n\r\n");
    assertSame("Content-Length", head.headers().name(0));
    assertSame("content-type", head.headers().name(1));
  }

  @Test
  void aRepeatedHeadIsTheSameObjectAndOneChangedFieldMakesANewOne() throws IOException {
    ResponseHeadParser parser = new ResponseHeadParser();
    Buffer in = new Buffer();
    String head = "HTTP/1.1 200 OK\r\nServer: s1\r\nContent-Length: 6\r\n\r\n";
    in.writeUtf8(head);
    ResponseHead first = parser.parse(in);
    in.writeUtf8(head);
    assertSame(first, parser.parse(in));
    in.writeUtf8("HTTP/1.1 200 OK\r\nServer: s1\r\nContent-Length: 7\r\n\r\n");
    ResponseHead changed = parser.parse(in);
    assertEquals("7", changed.headers().get("Content-Length"));
    assertEquals(Headers.of("Server", "s1", "Content-Length", "6"), first.headers());
    in.writeUtf8("HTTP/1.1 200 OK\r\nServer: s1\r\n\r\n");
    assertEquals(Headers.of("Server", "s1"), parser.parse(in).headers());
    in.writeUtf8("HTTP/1.1 201 OK\r\nServer: s1\r\n\r\n");
    assertEquals(201, parser.parse(in).code());
  }

  @Test
  void secondHeadOnOneParserReusesTheStringsOfRepeatedLinesAndReadsChangedOnesAfresh()
      throws IOException {
    ResponseHeadParser parser = new ResponseHeadParser();
    Buffer in = new Buffer();
    in.writeUtf8("HTTP/1.1 200 OK\r\nServer: s1\r\nX-Trace: a\r\nDate: d1\r\n\r\n");
    ResponseHead first = parser.parse(in);
    in.writeUtf8("HTTP/1.1 200 OK\r\nServer: s1\r\nX-Trace: b\r\nDate: d2\r\nExtra: e\r\n\r\n");
    ResponseHead second = parser.parse(in);
    assertSame(first.headers().value(0), second.headers().value(0));
    assertSame(first.headers().name(1), second.headers().name(1));
    assertEquals("b", second.headers().get("X-Trace"));
    assertEquals("d2", second.headers().get("Date"));
    assertEquals("e", second.headers().get("Extra"));
    in.writeUtf8("HTTP/1.1 404 Not Found\r\nServer: s1\r\n\r\n");
    ResponseHead third = parser.parse(in);
    assertEquals(404, third.code());
    assertEquals("Not Found", third.reason());
  }

  @Test
  void controlCharacterInAValueAtARememberedPositionIsStillRefused() throws IOException {
    ResponseHeadParser parser = new ResponseHeadParser();
    Buffer in = new Buffer();
    in.writeUtf8("HTTP/1.1 200 OK\r\nX-Trace: ab\r\n\r\n");
    parser.parse(in);
    in.writeUtf8("HTTP/1.1 200 OK\r\nX-Trace: a\u0001\r\n\r\n");
    assertThrows(HttpProtocolException.class, () -> parser.parse(in));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void errorsSayWhetherTheStatusLineOrAFieldBroke(Feed feed) {
    assertEquals(HttpProtocolException.Kind.BAD_STATUS_LINE,
        rejects(feed, "HTTP/1.1 2x0 OK\r\n\r\n").kind());
    assertEquals(HttpProtocolException.Kind.BAD_STATUS_LINE,
        rejects(feed, "SSH-2.0-OpenSSH_9.2\r\n\r\n").kind());
    assertEquals(HttpProtocolException.Kind.BAD_STATUS_LINE,
        rejects(feed, "HTTP/1.1 200 O\u0001K\r\n\r\n").kind());
    HttpProtocolException field = rejects(feed, "HTTP/1.1 200 OK\r\nno colon\r\n\r\n");
    assertEquals(HttpProtocolException.Kind.BAD_HEADER, field.kind());
    assertEquals(Phase.HEADERS, field.phase());
  }
}
