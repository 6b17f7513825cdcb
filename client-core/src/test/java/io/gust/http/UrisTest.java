package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.client.HttpRequest;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UrisTest {
  /** Regression (found by fuzzing): a bad port in a registry-style authority passed newBuilder and failed in build(). */
  @Test
  void badPortInARegistryAuthorityIsRefusedByNewBuilder() {
    assertThrows(IllegalArgumentException.class,
        () -> HttpRequest.newBuilder("http://user:pw@localhost:80https80/a/:b"));
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder("http://my_service:99999/"));
    assertEquals(8080, HttpRequest.newBuilder("http://my_service:8080/").build().port());
  }

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
