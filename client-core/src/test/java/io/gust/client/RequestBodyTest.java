package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestBodyTest {
  @Test
  void bytesAreCopiedSizedAndReplayable() {
    byte[] content = {1, 2, 3};
    RequestBody body = RequestBody.of(content);
    content[0] = 9;
    assertEquals(RequestBody.Kind.BYTES, body.kind());
    assertEquals(ByteString.of(new byte[] {1, 2, 3}), body.bytes());
    assertEquals(3, body.contentLength());
    assertNull(body.contentType());
    assertTrue(body.isReplayable());
  }

  @Test
  void stringsAreUtf8UnlessTheContentTypeNamesACharset() {
    assertEquals(ByteString.encodeUtf8("\u00e9"), RequestBody.ofString("\u00e9", "text/plain").bytes());
    assertEquals(ByteString.encodeUtf8("\u00e9"), RequestBody.ofString("\u00e9", null).bytes());
    assertEquals(ByteString.encodeString("\u00e9", StandardCharsets.ISO_8859_1),
        RequestBody.ofString("\u00e9", "text/plain; charset=iso-8859-1").bytes());
    assertEquals("text/plain; charset=iso-8859-1",
        RequestBody.ofString("x", "text/plain; charset=iso-8859-1").contentType());
    assertThrows(IllegalArgumentException.class, () -> RequestBody.ofString("x", "text/plain; charset=nope"));
  }

  @Test
  void filesAreReplayableWithLengthKnownOnlyWhenSent() {
    Path path = Path.of("/tmp/some-file");
    RequestBody body = RequestBody.ofFile(path, "application/octet-stream");
    assertEquals(RequestBody.Kind.FILE, body.kind());
    assertSame(path, body.path());
    assertEquals(-1, body.contentLength());
    assertTrue(body.isReplayable());
  }

  @Test
  void producersAreNotReplayableAndMayKnowTheirLength() {
    BodyProducer producer = writer -> writer.end();
    RequestBody chunked = RequestBody.ofProducer(producer, null);
    assertEquals(RequestBody.Kind.PRODUCER, chunked.kind());
    assertSame(producer, chunked.producer());
    assertEquals(-1, chunked.contentLength());
    assertFalse(chunked.isReplayable());
    assertEquals(10, RequestBody.ofProducer(producer, null, 10).contentLength());
    assertThrows(IllegalArgumentException.class, () -> RequestBody.ofProducer(producer, null, -2));
  }

  @Test
  void rejectsContentTypesThatCouldSplitTheHead() {
    assertThrows(IllegalArgumentException.class, () -> RequestBody.of(ByteString.EMPTY, "text/plain\r\nX: y"));
  }
}
