package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ContentTypesTest {
  @Test
  void findsTheCharsetParameterAnywhere() {
    assertEquals("utf-8", ContentTypes.charsetName("text/plain;charset=utf-8"));
    assertEquals("Latin1", ContentTypes.charsetName("text/plain; format=flowed; CharSet=\"Latin1\" "));
    assertNull(ContentTypes.charsetName("text/plain; xcharset=utf-8"));
    assertNull(ContentTypes.charsetName("text/plain"));
    assertNull(ContentTypes.charsetName(null));
  }

  @Test
  void fallsBackForUnknownCharsets() {
    assertEquals(StandardCharsets.UTF_8, ContentTypes.charset("a/b; charset=x-unknown-1", StandardCharsets.UTF_8));
    assertEquals(StandardCharsets.UTF_16LE, ContentTypes.charset("a/b; charset=utf-16le", StandardCharsets.UTF_8));
  }
}
