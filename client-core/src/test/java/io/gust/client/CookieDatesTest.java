package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CookieDatesTest {
  private static final long JUNE_9_2021 = Instant.parse("2021-06-09T10:18:14Z").toEpochMilli();

  @ParameterizedTest
  @ValueSource(strings = {
      "Wed, 09 Jun 2021 10:18:14 GMT",
      "Wednesday, 09-Jun-21 10:18:14 GMT",
      "Wed Jun  9 10:18:14 2021",
      "9 June 2021 10:18:14",
      "Wed, 09-JUN-2021 10:18:14 GMT",
      "2021 jun 09 10:18:14",
      "  ,,Wed, 09 Jun 2021 10:18:14 UTC+00:00",
      "10:18:14 9 Jun 21",
      "Wed, 09 Jun 2021 10:18:14xyz GMT"})
  void parsesTheSpellingsServersUse(String date) {
    assertEquals(JUNE_9_2021, CookieDates.parse(date));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "Wed, 09 Jun 2021", "09 Jun 2021 10:18", "Wed, 32 Jun 2021 10:18:14 GMT",
      "Wed, 30 Feb 2021 10:18:14 GMT", "Wed, 09 Jun 1600 10:18:14 GMT",
      "Wed, 09 Jun 2021 24:00:00 GMT", "Wed, 09 Jun 2021 10:60:14 GMT",
      "Wed, 09 Jun 2021 10:18:60 GMT", "Wed, 09 Foo 2021 10:18:14 GMT",
      "Wed, 009 Jun 2021 10:18:14 GMT", "Wed, 09 Jun 20211 10:18:14 GMT",
      "Wed, 09 Jun 2021 100:18:14 GMT"})
  void rejectsWhatIsNotACookieDate(String date) {
    assertEquals(CookieDates.INVALID, CookieDates.parse(date));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1 Jan 70 00:00:00|1970", "1 Jan 99 00:00:00|1999",
      "1 Jan 00 00:00:00|2000", "1 Jan 69 00:00:00|2069", "1 Jan 1601 00:00:00|1601"})
  void expandsTwoDigitYearsAsTheRfcSays(String dateAndYear) {
    String[] parts = dateAndYear.split("\\|");
    long millis = CookieDates.parse(parts[0]);
    assertEquals(Integer.parseInt(parts[1]),
        Instant.ofEpochMilli(millis).atZone(java.time.ZoneOffset.UTC).getYear());
  }
}
