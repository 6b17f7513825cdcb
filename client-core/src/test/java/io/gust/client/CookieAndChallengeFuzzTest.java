package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random fields built from the pieces these grammars are made of: the parsers never throw
 * anything but their documented IllegalArgumentException, and never hang.
 */
@Timeout(60)
class CookieAndChallengeFuzzTest {
  private static final String[] PIECES = {
      "Digest", "Basic", "realm", "nonce", "qop", "auth", "=", "==", "\"", "\\", ",", ", ", " ",
      "\t", ";", "; ", "Expires", "Max-Age", "Domain", "Path", "/", "Secure", "HttpOnly",
      "SameSite", "__Host-", "__Secure-", "-", "1", "99", "2021", "Jun", "10:18:14", "GMT", ".",
      "example.com", "co.uk", "\u0001", "\u007f", "\u00e9", "\u4e2d", "a", "Z", "~", "+", "%"};

  private static String randomField(Random random) {
    StringBuilder field = new StringBuilder();
    int pieces = random.nextInt(24);
    for (int i = 0; i < pieces; i++) {
      field.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return field.toString();
  }

  @Test
  void setCookieFieldsNeverThrow() {
    Random random = new Random(6265);
    MemoryCookieJar jar = MemoryCookieJar.create();
    URI uri = URI.create("https://www.example.com/a/b");
    for (int i = 0; i < 20_000; i++) {
      String field = randomField(random);
      jar.save(uri, List.of(field));
      CookieDates.parse(field);
    }
    jar.cookiesFor(uri);
    assertTrue(jar.cookies().size() <= 3000);
  }

  @Test
  void challengeFieldsParseOrThrowIllegalArgument() {
    Random random = new Random(9110);
    int parsed = 0;
    for (int i = 0; i < 20_000; i++) {
      try {
        AuthChallenge.parse(randomField(random));
        parsed++;
      } catch (IllegalArgumentException expected) {
        assertTrue(expected.getMessage().contains("at offset"));
      }
    }
    assertTrue(parsed > 100, "the pieces make valid fields too: " + parsed);
  }
}
