package io.gust.websocket;

import static io.gust.websocket.Wire.concat;
import static io.gust.websocket.Wire.hex;
import static io.gust.websocket.Wire.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.websocket.WebSocketMessage.Type;
import io.gust.websocket.Wire.Feed;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader against the Autobahn test suite's categories that apply to a codec: framing, pings
 * and pongs, reserved bits and opcodes, fragmentation, limits and close frames. UTF-8 has its own
 * class.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebSocketReaderTest {
  private static final ByteString EMPTY = ByteString.EMPTY;

  private static ByteString utf8(String s) {
    return ByteString.encodeUtf8(s);
  }

  private static WebSocketReader client() {
    return new WebSocketReader(Role.CLIENT, WebSocketLimits.DEFAULT, null);
  }

  private static int rejects(Feed feed, WebSocketReader reader, ByteString input) {
    return assertThrows(WebSocketProtocolException.class, () -> feed.read(reader, input)).closeCode();
  }

  private static int rejects(Feed feed, ByteString input) {
    return rejects(feed, client(), input);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void readsEmptyAndMidSizeTextAndBinaryMessages(Feed feed) throws Exception {
    List<WebSocketMessage> messages = feed.read(client(), concat(server(0x81, EMPTY),
        server(0x82, EMPTY), server(0x81, utf8("*".repeat(125))), server(0x82, utf8("x".repeat(70000)))));
    assertEquals(4, messages.size());
    assertEquals("", messages.get(0).text());
    assertEquals(Type.BINARY, messages.get(1).type());
    assertEquals(125, messages.get(2).payload().size());
    assertEquals(70000, messages.get(3).payload().size());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void returnsControlFramesBetweenFragmentsBeforeTheMessage(Feed feed) throws Exception {
    List<WebSocketMessage> messages = feed.read(client(), concat(server(0x01, utf8("frag1 ")),
        server(0x89, utf8("ping")), server(0x00, EMPTY), server(0x8a, EMPTY),
        server(0x80, utf8("frag2"))));
    assertEquals(List.of(Type.PING, Type.PONG, Type.TEXT), messages.stream().map(WebSocketMessage::type).toList());
    assertEquals("frag1 frag2", messages.get(2).text());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void reassemblesManyFragmentsOfABinaryMessage(Feed feed) throws Exception {
    Buffer input = new Buffer().write(server(0x02, utf8("0")));
    StringBuilder expected = new StringBuilder("0");
    for (int i = 1; i < 50; i++) {
      input.write(server(i == 49 ? 0x80 : 0x00, utf8(Integer.toString(i))));
      expected.append(i);
    }
    WebSocketMessage message = feed.read(client(), input.readByteString()).get(0);
    assertEquals(Type.BINARY, message.type());
    assertEquals(expected.toString(), message.payload().utf8());
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf})
  void reservedOpcodesAreProtocolErrorsAtTheSecondByte(int opcode) {
    ByteString frame = server(0x80 | opcode, utf8("payload"));
    assertEquals(2, Wire.bytesUntilFailure(client(), frame));
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.ALL_AT_ONCE, frame));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x40, 0x20, 0x10, 0x70})
  void reservedBitsWithoutAnExtensionAreProtocolErrors(int bits) {
    for (int opcode : new int[] {0x1, 0x2, 0x9, 0xa, 0x8}) {
      assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.BYTE_BY_BYTE, server(0x80 | bits | opcode, EMPTY)));
    }
  }

  @Test
  void rsv1IsAllowedOnlyOnTheFirstFrameOfADataMessageWhenDeflateIsNegotiated() {
    DeflateParameters deflate = DeflateParameters.DEFAULT;
    WebSocketReader continuation = new WebSocketReader(Role.CLIENT, WebSocketLimits.DEFAULT, deflate);
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.ALL_AT_ONCE, continuation,
        concat(server(0x41, hex("f248cd")), server(0xc0, hex("c9c90700")))));
    WebSocketReader ping = new WebSocketReader(Role.CLIENT, WebSocketLimits.DEFAULT, deflate);
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.ALL_AT_ONCE, ping, server(0xc9, EMPTY)));
  }

  @Test
  void aClientRefusesMaskedFramesAndAServerUnmaskedOnes() {
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.BYTE_BY_BYTE, Wire.client(0x81, utf8("hi"))));
    WebSocketReader server = new WebSocketReader(Role.SERVER, WebSocketLimits.DEFAULT, null);
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.BYTE_BY_BYTE, server, server(0x81, utf8("hi"))));
  }

  @Test
  void lengthsNotInTheirShortestEncodingAreProtocolErrors() {
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.BYTE_BY_BYTE, hex("82 7e 007d")));
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.BYTE_BY_BYTE, hex("82 7f 000000000000ffff")));
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.BYTE_BY_BYTE, hex("82 7f 8000000000000000")));
  }

  @Test
  void controlFramesMustBeShortAndFinal() {
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.BYTE_BY_BYTE, server(0x89, utf8("x".repeat(126)))));
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.BYTE_BY_BYTE, server(0x09, utf8("ping"))));
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.BYTE_BY_BYTE, server(0x88, utf8("x".repeat(126)))));
    assertEquals(1, Feed.ALL_AT_ONCE.readUnchecked(server(0x89, utf8("x".repeat(125)))).size());
  }

  @Test
  void fragmentsOutOfSequenceAreProtocolErrors() {
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.ALL_AT_ONCE, server(0x80, utf8("orphan"))));
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.ALL_AT_ONCE, server(0x00, utf8("orphan"))));
    assertEquals(CloseCodes.PROTOCOL_ERROR,
        rejects(Feed.ALL_AT_ONCE, concat(server(0x01, utf8("a")), server(0x81, utf8("b")))));
    assertEquals(CloseCodes.PROTOCOL_ERROR,
        rejects(Feed.ALL_AT_ONCE, concat(server(0x02, utf8("a")), server(0x02, utf8("b")))));
  }

  @Test
  void aFrameOverTheFrameLimitFailsWith1009BeforeItsPayloadArrives() {
    WebSocketReader reader = new WebSocketReader(Role.CLIENT, new WebSocketLimits(1000, 1 << 20), null);
    ByteString frame = server(0x82, utf8("x".repeat(1001)));
    assertEquals(4, Wire.bytesUntilFailure(reader, frame));
    WebSocketReader atLimit = new WebSocketReader(Role.CLIENT, new WebSocketLimits(1000, 1 << 20), null);
    assertEquals(-1, Wire.bytesUntilFailure(atLimit, server(0x82, utf8("x".repeat(1000)))));
  }

  @Test
  void aMessageOverTheMessageLimitFailsWith1009AtTheFrameThatPassesIt() {
    ByteString first = server(0x01, utf8("x".repeat(600)));
    ByteString second = server(0x80, utf8("x".repeat(401)));
    WebSocketReader reader = new WebSocketReader(Role.CLIENT, new WebSocketLimits(1000, 1000), null);
    assertEquals(first.size() + 4, Wire.bytesUntilFailure(reader, concat(first, second)));
    WebSocketReader again = new WebSocketReader(Role.CLIENT, new WebSocketLimits(1000, 1000), null);
    assertEquals(CloseCodes.MESSAGE_TOO_BIG, rejects(Feed.ALL_AT_ONCE, again, concat(first, second)));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void readsCloseFramesWithAndWithoutAStatus(Feed feed) throws Exception {
    WebSocketMessage empty = feed.read(client(), server(0x88, EMPTY)).get(0);
    assertEquals(CloseCodes.NO_STATUS, empty.closeCode());
    assertEquals("", empty.closeReason());
    WebSocketMessage normal = feed.read(client(), server(0x88, concat(hex("03e8"), utf8("bye ☃")))).get(0);
    assertEquals(1000, normal.closeCode());
    assertEquals("bye ☃", normal.closeReason());
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
  void acceptsCloseCodesAllowedOnTheWire(int code) throws Exception {
    ByteString payload = new Buffer().writeShort(code).readByteString();
    assertEquals(code, Feed.ALL_AT_ONCE.read(client(), server(0x88, payload)).get(0).closeCode());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
  void refusesCloseCodesNotAllowedOnTheWire(int code) {
    ByteString payload = new Buffer().writeShort(code).readByteString();
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.ALL_AT_ONCE, server(0x88, payload)));
  }

  @Test
  void aOneByteCloseIsAProtocolErrorAndABadReasonAnInvalidPayload() {
    assertEquals(CloseCodes.PROTOCOL_ERROR, rejects(Feed.ALL_AT_ONCE, server(0x88, hex("03"))));
    ByteString badReason = concat(hex("03e8"), hex("cebae1bdb9cf83cebcceb5eda080656469746564"));
    assertEquals(CloseCodes.INVALID_PAYLOAD, rejects(Feed.ALL_AT_ONCE, server(0x88, badReason)));
  }

  @Test
  void aReaderRefusesToReadAfterACloseOrAFailure() throws Exception {
    WebSocketReader closed = client();
    Feed.ALL_AT_ONCE.read(closed, server(0x88, EMPTY));
    assertThrows(IllegalStateException.class, () -> closed.read(new Buffer().write(server(0x81, EMPTY))));
    WebSocketReader failed = client();
    rejects(Feed.ALL_AT_ONCE, failed, server(0x83, EMPTY));
    assertThrows(IllegalStateException.class, () -> failed.read(new Buffer()));
  }

  @Test
  void anIncompleteFrameAsksForMore() throws Exception {
    WebSocketReader reader = client();
    Buffer in = new Buffer().write(server(0x82, utf8("x".repeat(300))).substring(0, 200));
    assertNull(reader.read(in));
    assertEquals(0, in.size());
    assertTrue(Feed.ALL_AT_ONCE.read(reader, utf8("x".repeat(103))).isEmpty());
    assertEquals(300, Feed.ALL_AT_ONCE.read(reader, utf8("x")).get(0).payload().size());
  }
}
