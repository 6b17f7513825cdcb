package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ContentDecoderTest {
  @ParameterizedTest
  @ValueSource(strings = {"gzip", "x-gzip", "GZIP", " gzip "})
  void selectsGzipForItsNames(String encoding) {
    try (ContentDecoder decoder = ContentDecoder.forEncoding(encoding, 10)) {
      assertInstanceOf(GzipDecoder.class, decoder);
    }
  }

  @Test
  void selectsDeflate() {
    try (ContentDecoder decoder = ContentDecoder.forEncoding("Deflate", 10)) {
      assertInstanceOf(DeflateDecoder.class, decoder);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"identity", "br", "zstd", "gzip, br", "compress", ""})
  void passesIdentityAndUnknownCodingsThrough(String encoding) {
    assertNull(ContentDecoder.forEncoding(encoding, 10));
  }

  @Test
  void passesAnAbsentEncodingThrough() {
    assertNull(ContentDecoder.forEncoding(null, 10));
  }
}
