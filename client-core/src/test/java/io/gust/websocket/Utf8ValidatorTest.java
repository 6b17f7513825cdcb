package io.gust.websocket;

import static io.gust.websocket.Wire.concat;
import static io.gust.websocket.Wire.hex;
import static io.gust.websocket.Wire.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.websocket.Wire.Feed;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** UTF-8 in text messages, after the Autobahn test suite's section 6. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Utf8ValidatorTest {
  /** Autobahn 6.3.1: "κόσμε", then U+D800 (a surrogate) encoded, then "edited". */
  private static final ByteString KOSME_SURROGATE_EDITED = hex("cebae1bdb9cf83cebcceb5 eda080 656469746564");

  private static WebSocketReader client() {
    return new WebSocketReader(Role.CLIENT, WebSocketLimits.DEFAULT, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"00", "7f", "c280", "dfbf", "e0a080", "efbfbf", "efbfbe", "f0908080",
      "f48fbfbf", "cebae1bdb9cf83cebcceb5", "48656c6c6f2dc2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121"})
  void acceptsValidSequencesSplitIntoOneByteFragments(String valid) throws Exception {
    ByteString text = hex(valid);
    Buffer input = new Buffer();
    for (int i = 0; i < text.size(); i++) {
      int b0 = (i == 0 ? 0x01 : 0x00) | (i == text.size() - 1 ? 0x80 : 0);
      input.write(server(b0, text.substring(i, i + 1)));
    }
    assertEquals(text, Feed.BYTE_BY_BYTE.read(client(), input.readByteString()).get(0).payload());
    assertEquals(text, Feed.ALL_AT_ONCE.read(client(), server(0x81, text)).get(0).payload());
  }

  @ParameterizedTest
  @ValueSource(strings = {"80", "bf", "c080", "c1bf", "e08080", "e09fbf", "eda080", "edbfbf",
      "f0808080", "f08fbfbf", "f4908080", "f5808080", "f8", "fe", "ff", "c2c2", "e0a0e0",
      "6869eda080"})
  void refusesInvalidSequencesWith1007(String invalid) {
    for (Feed feed : Feed.values()) {
      WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
          () -> feed.read(client(), server(0x81, hex(invalid))));
      assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ce", "e0a0", "f09080", "48656c6cce"})
  void refusesTextThatEndsInsideASequenceOnlyAtTheEnd(String truncated) {
    ByteString first = server(0x01, hex(truncated));
    assertEquals(-1, Wire.bytesUntilFailure(client(), first));
    ByteString whole = concat(first, server(0x80, ByteString.EMPTY));
    assertEquals(whole.size(), Wire.bytesUntilFailure(client(), whole));
  }

  @Test
  void failsFastAtTheFirstBadByteInsideAFrame() {
    ByteString frame = server(0x81, KOSME_SURROGATE_EDITED);
    int badByte = 12;
    assertEquals(2 + badByte + 1, Wire.bytesUntilFailure(client(), frame));
  }

  @Test
  void failsFastAtTheFragmentThatBreaksTheTextBeforeTheRestArrives() {
    ByteString first = server(0x01, hex("cebae1bdb9cf83cebcceb5"));
    ByteString second = server(0x00, hex("f4908080"));
    ByteString third = server(0x80, hex("656469746564"));
    assertEquals(first.size() + 2 + 2, Wire.bytesUntilFailure(client(), concat(first, second, third)));
  }

  @Test
  void binaryMessagesAreNotChecked() throws Exception {
    assertEquals(KOSME_SURROGATE_EDITED,
        Feed.ALL_AT_ONCE.read(client(), server(0x82, KOSME_SURROGATE_EDITED)).get(0).payload());
  }

  @Test
  void agreesWithTheJdksStrictDecoderOnRandomBytes() {
    Random random = new Random(6455);
    byte[] alphabet = {0x41, 0x7f, (byte) 0x80, (byte) 0x8f, (byte) 0x90, (byte) 0x9f, (byte) 0xa0,
        (byte) 0xbf, (byte) 0xc0, (byte) 0xc2, (byte) 0xdf, (byte) 0xe0, (byte) 0xed, (byte) 0xef,
        (byte) 0xf0, (byte) 0xf4, (byte) 0xf5, (byte) 0xff};
    for (int round = 0; round < 50_000; round++) {
      byte[] bytes = new byte[1 + random.nextInt(6)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = alphabet[random.nextInt(alphabet.length)];
      }
      boolean ours = Utf8Validator.isValid(new Buffer().write(bytes));
      assertEquals(jdkAccepts(bytes), ours, ByteString.of(bytes).hex());
    }
  }

  private static boolean jdkAccepts(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
