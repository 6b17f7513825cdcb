package io.gust.websocket;

import static io.gust.websocket.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.websocket.WebSocketMessage.Type;
import io.gust.websocket.Wire.Feed;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The examples of RFC 6455 §5.7, read in both roles and written by both roles' writers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebSocketFramingTest {
  private static final ByteString HELLO = ByteString.encodeUtf8("Hello");
  /** RFC 6455 §5.7: a single-frame unmasked text message. */
  private static final ByteString UNMASKED_HELLO = hex("81 05 48 65 6c 6c 6f");
  /** RFC 6455 §5.7: a single-frame masked text message. */
  private static final ByteString MASKED_HELLO = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");
  /** RFC 6455 §5.7: a fragmented unmasked text message. */
  private static final ByteString FRAGMENTED_HELLO = hex("01 03 48 65 6c 80 02 6c 6f");
  /** RFC 6455 §5.7: an unmasked ping. */
  private static final ByteString UNMASKED_PING = hex("89 05 48 65 6c 6c 6f");
  /** RFC 6455 §5.7: a masked pong answering it. */
  private static final ByteString MASKED_PONG = hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58");

  static WebSocketReader reader(Role role) {
    return new WebSocketReader(role, WebSocketLimits.DEFAULT, null);
  }

  /** A client writer whose every key is the RFC's example key 37 fa 21 3d. */
  static WebSocketWriter rfcKeyClientWriter(DeflateParameters deflate, long threshold) {
    Random rfcKey = new Random() {
      @Override
      public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = hex("37fa213d").getByte(i % 4);
        }
      }
    };
    return new WebSocketWriter(Role.CLIENT, deflate, threshold, new MaskKeys(rfcKey, 4));
  }

  private static WebSocketMessage only(List<WebSocketMessage> messages) {
    assertEquals(1, messages.size(), messages.toString());
    return messages.get(0);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void clientReadsTheUnmaskedHelloExample(Feed feed) throws Exception {
    WebSocketMessage message = only(feed.read(reader(Role.CLIENT), UNMASKED_HELLO));
    assertEquals(Type.TEXT, message.type());
    assertEquals("Hello", message.text());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void serverReadsTheMaskedHelloExample(Feed feed) throws Exception {
    assertEquals("Hello", only(feed.read(reader(Role.SERVER), MASKED_HELLO)).text());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void reassemblesTheFragmentedExample(Feed feed) throws Exception {
    assertEquals("Hello", only(feed.read(reader(Role.CLIENT), FRAGMENTED_HELLO)).text());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void readsThePingAndPongExamples(Feed feed) throws Exception {
    WebSocketMessage ping = only(feed.read(reader(Role.CLIENT), UNMASKED_PING));
    assertEquals(Type.PING, ping.type());
    assertEquals(HELLO, ping.payload());
    WebSocketMessage pong = only(feed.read(reader(Role.SERVER), MASKED_PONG));
    assertEquals(Type.PONG, pong.type());
    assertEquals(HELLO, pong.payload());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void readsThe256ByteAndTheSixtyFourKibibyteBinaryExamples(Feed feed) throws Exception {
    ByteString small = randomBytes(256);
    ByteString header = hex("82 7e 0100");
    assertEquals(small, only(feed.read(reader(Role.CLIENT), Wire.concat(header, small))).payload());
    ByteString large = randomBytes(65536);
    ByteString largeHeader = hex("82 7f 0000000000010000");
    WebSocketMessage message = only(feed.read(reader(Role.CLIENT), Wire.concat(largeHeader, large)));
    assertEquals(Type.BINARY, message.type());
    assertEquals(large, message.payload());
  }

  @Test
  void serverWriterProducesTheUnmaskedExamples() {
    try (WebSocketWriter writer = new WebSocketWriter(Role.SERVER, null, 0, null)) {
      Buffer out = new Buffer();
      writer.writeText(out, "Hello");
      assertEquals(UNMASKED_HELLO, out.readByteString());
      writer.writePing(out, HELLO);
      assertEquals(UNMASKED_PING, out.readByteString());
      ByteString small = randomBytes(256);
      writer.writeBinary(out, small);
      assertEquals(Wire.concat(hex("82 7e 0100"), small), out.readByteString());
      ByteString large = randomBytes(65536);
      writer.writeBinary(out, large);
      assertEquals(Wire.concat(hex("82 7f 0000000000010000"), large), out.readByteString());
    }
  }

  @Test
  void clientWriterProducesTheMaskedExamples() {
    try (WebSocketWriter writer = rfcKeyClientWriter(null, 0)) {
      Buffer out = new Buffer();
      writer.writeText(out, "Hello");
      assertEquals(MASKED_HELLO, out.readByteString());
      writer.writePong(out, HELLO);
      assertEquals(MASKED_PONG, out.readByteString());
    }
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void writerAndReaderAgreeOnEveryLengthEncodingBoundary(Role writerRole) throws Exception {
    Role readerRole = writerRole == Role.CLIENT ? Role.SERVER : Role.CLIENT;
    int[] sizes = {0, 1, 125, 126, 127, 65535, 65536, 65537, 200_000};
    try (WebSocketWriter writer = new WebSocketWriter(writerRole, null, 0, new MaskKeys(8));
        WebSocketReader reader = reader(readerRole)) {
      Buffer wire = new Buffer();
      for (int size : sizes) {
        writer.writeBinary(wire, randomBytes(size));
      }
      for (int size : sizes) {
        ByteString expected = randomBytes(size);
        WebSocketMessage message = reader.read(wire);
        assertEquals(expected, message.payload(), "size " + size);
      }
      assertNull(reader.read(wire));
    }
  }

  @Test
  void maskingMatchesTheByteByByteDefinitionAtEveryOffsetAndPhase() {
    ByteString data = randomBytes(100);
    int key = 0x9a3c51e7;
    for (int offset = 0; offset < 20; offset++) {
      for (int phase = 0; phase < 4; phase++) {
        Buffer buffer = new Buffer().write(data);
        int next = Masking.apply(buffer, offset, 70, key, phase);
        assertEquals((phase + 70) % 4, next);
        ByteString masked = buffer.readByteString();
        for (int i = 0; i < data.size(); i++) {
          int expected = data.getByte(i);
          if (i >= offset && i < offset + 70) {
            expected ^= key >>> (24 - 8 * ((i - offset + phase) % 4));
          }
          assertEquals((byte) expected, masked.getByte(i), "offset " + offset + " phase " + phase + " byte " + i);
        }
      }
    }
  }

  @Test
  void maskedCopyMatchesMaskingInPlaceAcrossSegmentsAndSinkOffsets() {
    int key = 0x9a3c51e7;
    Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();
    for (int size : new int[] {0, 1, 7, 8, 9, 125, 8191, 8192, 8193, 70_000}) {
      ByteString data = randomBytes(size);
      // A segmented ByteString (shared segments) and a plain one, into sinks of 0 to 8200 bytes.
      for (ByteString payload : List.of(data, new Buffer().write(data).snapshot())) {
        for (int already : new int[] {0, 3, 8190, 8200}) {
          Buffer sink = new Buffer().write(new byte[already]);
          Masking.writeMasked(sink, payload, key, cursor);
          Buffer expected = new Buffer().write(new byte[already]).write(data);
          Masking.apply(expected, already, size, key, 0);
          assertEquals(expected.readByteString(), sink.readByteString(),
              size + " bytes after " + already);
        }
      }
      assertEquals(randomBytes(size), data, "the source is never written through");
    }
  }

  @Test
  void maskingNeverWritesThroughToTheCallersBytes() throws Exception {
    ByteString original = randomBytes(100_000);
    ByteString segmented = new Buffer().write(original).readByteString();
    try (WebSocketWriter writer = new WebSocketWriter(Role.CLIENT, null, 0, new MaskKeys(4));
        WebSocketReader reader = reader(Role.SERVER)) {
      Buffer wire = new Buffer();
      writer.writeBinary(wire, segmented);
      assertEquals(original, segmented);
      assertEquals(original, reader.read(wire).payload());
    }
  }

  @Test
  void controlPayloadsOverTheLimitAndUnsendableCloseCodesAreRefused() {
    try (WebSocketWriter writer = new WebSocketWriter(Role.SERVER, null, 0, null)) {
      Buffer out = new Buffer();
      assertThrows(IllegalArgumentException.class, () -> writer.writePing(out, randomBytes(126)));
      assertThrows(IllegalArgumentException.class, () -> writer.writeClose(out, 1000, "x".repeat(124)));
      assertThrows(IllegalArgumentException.class, () -> writer.writeClose(out, 1006, ""));
      assertThrows(IllegalArgumentException.class, () -> writer.writeClose(out, CloseCodes.NO_STATUS, "why"));
      assertEquals(0, out.size());
      writer.writeClose(out, 1000, "x".repeat(123));
      assertEquals(2 + 125, out.size());
      writer.writeClose(new Buffer(), CloseCodes.NO_STATUS, "");
    }
  }

  @Test
  void aClientWriterNeedsMaskKeys() {
    assertThrows(NullPointerException.class, () -> new WebSocketWriter(Role.CLIENT, null, 0, null));
  }

  /** Deterministic bytes, the same for the same size. */
  static ByteString randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return ByteString.of(bytes);
  }
}
