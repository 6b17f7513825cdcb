package io.gust.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gust.websocket.Wire.Feed;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the reader with what a peer may send. Every input must read as messages or fail with
 * one of the three close codes a reader raises, the same whether it arrives whole or one byte at
 * a time; messages stay within the limits, text is valid UTF-8, and a failed reader holds no
 * zlib memory.
 *
 * <p>Layout: one options byte (bit 0: read as a server, else as a client; bit 1: permessage-deflate
 * negotiated), then the bytes on the wire.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketReaderFuzzTest {
  private static final WebSocketLimits LIMITS = new WebSocketLimits(4096, 8192);
  private static final Set<Integer> READER_CODES =
      Set.of(CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD, CloseCodes.MESSAGE_TOO_BIG);

  @FuzzTest(maxDuration = "2m")
  void framesReadAsMessagesOrFailWithACloseCode(byte[] bytes) {
    int options = bytes.length > 0 ? bytes[0] : 0;
    ByteString wire = bytes.length > 0 ? ByteString.of(bytes, 1, bytes.length - 1) : ByteString.EMPTY;
    Role role = (options & 1) != 0 ? Role.SERVER : Role.CLIENT;
    DeflateParameters deflate = (options & 2) != 0 ? DeflateParameters.DEFAULT : null;
    String whole = outcome(Feed.ALL_AT_ONCE, role, deflate, wire);
    assertEquals(whole, outcome(Feed.BYTE_BY_BYTE, role, deflate, wire),
        "the outcome depends on how the bytes arrived");
  }

  private static String outcome(Feed feed, Role role, DeflateParameters deflate, ByteString wire) {
    WebSocketReader reader = new WebSocketReader(role, LIMITS, deflate);
    StringBuilder outcome = new StringBuilder();
    try (reader) {
      List<WebSocketMessage> messages = feed.read(reader, wire);
      for (WebSocketMessage message : messages) {
        assertTrue(message.payload().size() <= LIMITS.maxMessageBytes(), "message over the limit");
        if (message.type() == WebSocketMessage.Type.TEXT) {
          assertTrue(Utf8Validator.isValid(new Buffer().write(message.payload())), "invalid text passed");
        }
        outcome.append(message.type()).append(' ').append(message.payload().hex()).append('\n');
      }
      return outcome.toString();
    } catch (WebSocketProtocolException e) {
      assertTrue(READER_CODES.contains(e.closeCode()), "close code " + e.closeCode());
      assertFalse(reader.holdsNativeMemory(), "a failed reader kept its inflater");
      return outcome.append("failed ").append(e.closeCode()).toString();
    }
  }
}
