package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UrisTest {
  @Test
  void percentDecodesUtf8AndKeepsPlusAndBrokenEscapes() {
    assertEquals("a b+c\u00e9", Uris.percentDecode("a%20b+c%C3%A9"));
    assertEquals("100%", Uris.percentDecode("100%"));
    assertEquals("%zz", Uris.percentDecode("%zz"));
  }

  @Test
  void removesUserInfoButKeepsTheRawRest() {
    URI uri = URI.create("http://u:p@h:81/a%2Fb?q=%20#f%20");
    assertEquals(URI.create("http://h:81/a%2Fb?q=%20#f%20"), Uris.withoutUserInfo(uri));
    assertEquals("u:p", Uris.rawUserInfo(uri));
  }

  @Test
  void rendersSafeUrisForMessages() {
    assertEquals("http://my_host:80/x", Uris.safe(URI.create("http://u:p@my_host/x?y")));
  }
}
