package io.gust.client.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AttemptSpansTest {
  @Test
  void urlFullRedactsUserInfoAndKeepsTheRest() {
    assertEquals("https://REDACTED:REDACTED@example.com:8443/p?q=1#f",
        AttemptSpans.withoutUserInfo(URI.create("https://user:pw@example.com:8443/p?q=1#f")));
    assertEquals("http://example.com/a", AttemptSpans.withoutUserInfo(
        URI.create("http://example.com/a")));
  }
}
