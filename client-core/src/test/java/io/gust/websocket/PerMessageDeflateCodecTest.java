package io.gust.websocket;

import static io.gust.websocket.Wire.concat;
import static io.gust.websocket.Wire.hex;
import static io.gust.websocket.Wire.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.websocket.Wire.Feed;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Compressed messages: the examples of RFC 7692 §7.2.3, round trips, limits and memory. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PerMessageDeflateCodecTest {
  private static final DeflateParameters TAKEOVER = DeflateParameters.DEFAULT;
  private static final DeflateParameters NO_TAKEOVER = new DeflateParameters(true, true, 15, 15);
  /** RFC 7692 §7.2.3.1: "Hello" compressed, one frame. */
  private static final ByteString HELLO = hex("c1 07 f2 48 cd c9 c9 07 00");
  /** RFC 7692 §7.2.3.2: a second "Hello" compressed with the first in the window. */
  private static final ByteString HELLO_AGAIN = hex("c1 05 f2 00 11 00 00");

  private static WebSocketReader client(DeflateParameters deflate) {
    return new WebSocketReader(Role.CLIENT, WebSocketLimits.DEFAULT, deflate);
  }

  private static List<String> texts(Feed feed, DeflateParameters deflate, ByteString input) throws Exception {
    return feed.read(client(deflate), input).stream().map(WebSocketMessage::text).toList();
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void readsTheRfcExamples(Feed feed) throws Exception {
    assertEquals(List.of("Hello"), texts(feed, TAKEOVER, HELLO));
    assertEquals(List.of("Hello"), texts(feed, TAKEOVER, hex("41 03 f2 48 cd 80 04 c9 c9 07 00")));
    assertEquals(List.of("Hello", "Hello"), texts(feed, TAKEOVER, concat(HELLO, HELLO_AGAIN)));
    assertEquals(List.of("Hello"), texts(feed, TAKEOVER, hex("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00")));
    assertEquals(List.of("Hello", "Hello"), texts(feed, NO_TAKEOVER, concat(hex("c1 08 f3 48 cd c9 c9 07 00 00"), HELLO)));
    assertEquals(List.of("Hello"), texts(feed, TAKEOVER, hex("c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00")));
  }

  @Test
  void writesTheRfcExamplesWithAndWithoutContextTakeover() {
    try (WebSocketWriter takeover = new WebSocketWriter(Role.SERVER, TAKEOVER, 0, null);
        WebSocketWriter none = new WebSocketWriter(Role.SERVER, NO_TAKEOVER, 0, null)) {
      Buffer out = new Buffer();
      takeover.writeText(out, "Hello");
      takeover.writeText(out, "Hello");
      assertEquals(concat(HELLO, HELLO_AGAIN), out.readByteString());
      none.writeText(out, "Hello");
      none.writeText(out, "Hello");
      assertEquals(concat(HELLO, HELLO), out.readByteString());
    }
  }

  @Test
  void aClientWriterMasksTheCompressedPayload() throws Exception {
    try (WebSocketWriter writer = WebSocketFramingTest.rfcKeyClientWriter(TAKEOVER, 0);
        WebSocketReader reader = new WebSocketReader(Role.SERVER, WebSocketLimits.DEFAULT, TAKEOVER)) {
      Buffer out = new Buffer();
      writer.writeText(out, "Hello");
      assertEquals(hex("c1 87 37fa213d c5 b2 ec f4 fe fd 21"), out.copy().readByteString());
      assertEquals("Hello", reader.read(out).text());
    }
  }

  @Test
  void messagesUnderTheThresholdGoUncompressed() throws Exception {
    try (WebSocketWriter writer = new WebSocketWriter(Role.SERVER, TAKEOVER, 6, null)) {
      Buffer out = new Buffer();
      writer.writeText(out, "Hello");
      assertEquals(hex("81 05 48 65 6c 6c 6f"), out.readByteString());
      writer.writeText(out, "Hello!");
      assertEquals(0xc1, out.readByte() & 0xff);
    }
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void roundTripsManyMessagesBothWaysWithAndWithoutContextTakeover(Role writerRole) throws Exception {
    Role readerRole = writerRole == Role.CLIENT ? Role.SERVER : Role.CLIENT;
    Random random = new Random(7692);
    for (DeflateParameters deflate : List.of(TAKEOVER, NO_TAKEOVER, new DeflateParameters(true, false, 15, 15))) {
      try (WebSocketWriter writer = new WebSocketWriter(writerRole, deflate, 64, new MaskKeys(16));
          WebSocketReader reader = new WebSocketReader(readerRole, WebSocketLimits.DEFAULT, deflate)) {
        for (int i = 0; i < 60; i++) {
          ByteString payload = i % 3 == 0 ? WebSocketFramingTest.randomBytes(random.nextInt(70_000))
              : ByteString.encodeUtf8(("message " + i + " κόσμε ").repeat(random.nextInt(2000)));
          Buffer wire = new Buffer();
          writer.writeMessage(wire, i % 3 != 0, new Buffer().write(payload));
          Feed feed = i % 4 == 1 && wire.size() < 4096 ? Feed.BYTE_BY_BYTE : Feed.ALL_AT_ONCE;
          WebSocketMessage message = feed.read(reader, wire.readByteString()).get(0);
          assertEquals(payload, message.payload(), deflate + " message " + i);
        }
      }
    }
  }

  @Test
  void aDecompressionBombStopsAtTheMessageLimitWith1009() {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    Buffer compressed = new Buffer();
    byte[] chunk = new byte[1 << 16];
    deflater.setInput(new byte[16 << 20]);
    for (int n; (n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0; ) {
      compressed.write(chunk, 0, n);
    }
    deflater.end();
    assertTrue(compressed.size() < 50_000, "16 MiB of zeros in " + compressed.size() + " bytes");
    WebSocketReader reader = new WebSocketReader(Role.CLIENT, new WebSocketLimits(1 << 20, 1 << 20), TAKEOVER);
    WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
        () -> reader.read(new Buffer().write(server(0xc2, compressed.readByteString()))));
    assertEquals(CloseCodes.MESSAGE_TOO_BIG, e.closeCode());
    assertFalse(reader.holdsNativeMemory());
  }

  @Test
  void aMessageThatInflatesExactlyToTheLimitPasses() throws Exception {
    ByteString payload = ByteString.encodeUtf8("z".repeat(5000));
    Buffer wire = new Buffer();
    try (WebSocketWriter writer = new WebSocketWriter(Role.SERVER, TAKEOVER, 0, null)) {
      writer.writeBinary(wire, payload);
    }
    WebSocketReader exact = new WebSocketReader(Role.CLIENT, new WebSocketLimits(5000, 5000), TAKEOVER);
    assertEquals(payload, exact.read(wire.copy()).payload());
    WebSocketReader under = new WebSocketReader(Role.CLIENT, new WebSocketLimits(5000, 4999), TAKEOVER);
    assertEquals(CloseCodes.MESSAGE_TOO_BIG,
        assertThrows(WebSocketProtocolException.class, () -> under.read(wire)).closeCode());
  }

  @Test
  void corruptCompressedDataIsAnInvalidPayload() {
    WebSocketReader reader = client(TAKEOVER);
    WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
        () -> reader.read(new Buffer().write(server(0xc1, hex("ff ff ff ff")))));
    assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
    assertFalse(reader.holdsNativeMemory());
  }

  @Test
  void compressedTextIsCheckedAsUtf8AfterInflation() throws Exception {
    Buffer wire = new Buffer();
    try (WebSocketWriter writer = new WebSocketWriter(Role.SERVER, TAKEOVER, 0, null)) {
      writer.writeMessage(wire, true, new Buffer().write(hex("cebae1bdb9cf83cebcceb5eda080656469746564")));
    }
    assertEquals(CloseCodes.INVALID_PAYLOAD, assertThrows(WebSocketProtocolException.class,
        () -> client(TAKEOVER).read(wire)).closeCode());
  }

  @Test
  void readingACloseReleasesTheInflater() throws Exception {
    WebSocketReader reader = client(TAKEOVER);
    Feed.ALL_AT_ONCE.read(reader, concat(HELLO, server(0x88, hex("03e8"))));
    assertFalse(reader.holdsNativeMemory());
  }

  @Test
  void closingReleasesTheZlibMemoryAndRefusesFurtherUse() throws Exception {
    WebSocketWriter writer = new WebSocketWriter(Role.SERVER, TAKEOVER, 0, null);
    WebSocketReader reader = client(TAKEOVER);
    Buffer wire = new Buffer();
    writer.writeText(wire, "Hello");
    assertEquals("Hello", reader.read(wire).text());
    assertTrue(reader.holdsNativeMemory());
    writer.close();
    reader.close();
    assertFalse(reader.holdsNativeMemory());
    assertThrows(IllegalStateException.class, () -> writer.writeText(new Buffer(), "again"));
    assertThrows(IllegalStateException.class, () -> writer.writePing(new Buffer(), ByteString.EMPTY));
    writer.close();
    reader.close();
  }
}
