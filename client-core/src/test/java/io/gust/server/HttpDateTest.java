package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpDateTest {
  @Test
  void nowIsAnImfFixdateCloseToTheClock() {
    String text = HttpDate.now();
    assertTrue(text.endsWith(" GMT"), text);
    ZonedDateTime parsed = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
    long skewSeconds = Math.abs(parsed.toEpochSecond() - System.currentTimeMillis() / 1000);
    assertTrue(skewSeconds <= 2, text);
  }
}
