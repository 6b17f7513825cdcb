package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.client.MessageTooLargeException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UntilCloseDecoderTest {
  @ParameterizedTest
  @EnumSource(Feed.class)
  void takesEverythingAndEndsAtEndOfInput(Feed feed) throws IOException {
    Buffer in = new Buffer();
    Buffer out = feed.decode(new UntilCloseDecoder(Long.MAX_VALUE), in, ByteString.encodeUtf8("all of it\r\n0\r\n"), true);
    assertEquals("all of it\r\n0\r\n", out.readUtf8());
    assertEquals(0, in.size());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void failsPastTheBodyLimit(Feed feed) {
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
        () -> feed.decode(new UntilCloseDecoder(4), new Buffer(), ByteString.encodeUtf8("12345"), true));
    assertEquals(4, e.limitValue());
  }
}
