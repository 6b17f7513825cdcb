package io.gust.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The read operations against a plain buffer, one byte at a time, without sockets. */
@Timeout(5)
class ReadOpTest {
  private static final ByteString CRLF = ByteString.encodeUtf8("\r\n");

  @Test
  void delimiterReadFindsADelimiterSplitAcrossArrivals() throws Exception {
    ReadOp.DelimiterRead read = new ReadOp.DelimiterRead(CRLF, 100);
    Buffer buffered = new Buffer();
    String input = "ab\r\ncd";
    int arrived = 0;
    while (!read.consume(buffered)) {
      buffered.writeUtf8(input.substring(arrived, arrived + 1));
      arrived++;
    }
    read.finish();
    assertEquals(4, arrived);
    assertEquals("ab\r\n", read.future.get().readUtf8());
    assertEquals("", buffered.readUtf8());
  }

  @Test
  void delimiterReadAcceptsADelimiterEndingExactlyAtTheLimit() throws Exception {
    ReadOp.DelimiterRead read = new ReadOp.DelimiterRead(CRLF, 4);
    Buffer buffered = new Buffer().writeUtf8("ab\r\nmore");
    assertTrue(read.consume(buffered));
    read.finish();
    assertEquals("ab\r\n", read.future.get().readUtf8());
  }

  @Test
  void delimiterReadIgnoresADelimiterEndingPastTheLimit() {
    ReadOp.DelimiterRead read = new ReadOp.DelimiterRead(CRLF, 4);
    Buffer buffered = new Buffer().writeUtf8("abc\r\n");
    assertFalse(read.consume(buffered));
    assertTrue(buffered.size() >= read.limitBytes(1000), "the stream would report an overflow");
  }

  @Test
  void delimiterReadDoesNotMatchAcrossItsOwnEarlierScan() throws Exception {
    ReadOp.DelimiterRead read = new ReadOp.DelimiterRead(ByteString.encodeUtf8("aab"), 100);
    Buffer buffered = new Buffer().writeUtf8("aa");
    assertFalse(read.consume(buffered));
    buffered.writeUtf8("ab");
    assertTrue(read.consume(buffered));
    read.finish();
    assertEquals("aaab", read.future.get().readUtf8());
  }

  @Test
  void countReadTakesExactlyItsCount() throws Exception {
    ReadOp.CountRead read = new ReadOp.CountRead(3);
    Buffer buffered = new Buffer().writeUtf8("ab");
    assertFalse(read.consume(buffered));
    buffered.writeUtf8("cd");
    assertTrue(read.consume(buffered));
    read.finish();
    assertEquals("abc", read.future.get().readUtf8());
    assertEquals("d", buffered.readUtf8());
  }
}
