package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.client.MessageTooLargeException;
import io.gust.client.Phase;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LineScannerTest {
  private final LineScanner scanner =
      new LineScanner(MessageTooLargeException.Limit.HEAD_BYTES, 10, Phase.HEADERS);

  @Test
  void findsTheLineFeedWithoutConsuming() throws MessageTooLargeException {
    Buffer in = new Buffer().writeUtf8("abc\r\ndef\n");
    assertEquals(4, scanner.find(in, 10));
    assertEquals(9, in.size());
  }

  @Test
  void resumesWhereItStoppedAsBytesArrive() throws MessageTooLargeException {
    Buffer in = new Buffer().writeUtf8("abc");
    assertEquals(-1, scanner.find(in, 10));
    in.writeUtf8("de\nf");
    assertEquals(5, scanner.find(in, 10));
  }

  @Test
  void acceptsALineOfExactlyTheBudget() throws MessageTooLargeException {
    assertEquals(9, scanner.find(new Buffer().writeUtf8("123456789\nmore"), 10));
  }

  @Test
  void failsOnceTheBufferHoldsTheBudgetWithoutALineFeed() throws MessageTooLargeException {
    Buffer in = new Buffer().writeUtf8("123456789");
    assertEquals(-1, scanner.find(in, 10));
    in.writeUtf8("0");
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class, () -> scanner.find(in, 10));
    assertEquals(10, e.limitValue());
  }

  @Test
  void failsWhenTheLineFeedLiesPastTheBudget() {
    assertThrows(MessageTooLargeException.class, () -> scanner.find(new Buffer().writeUtf8("1234567890\n"), 10));
  }
}
