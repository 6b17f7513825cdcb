package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReasonPhrasesTest {
  @ParameterizedTest
  @CsvSource(value = {
      "100|Continue", "200|OK", "204|No Content", "301|Moved Permanently", "304|Not Modified",
      "404|Not Found", "413|Content Too Large", "431|Request Header Fields Too Large",
      "500|Internal Server Error", "505|HTTP Version Not Supported", "299|''", "599|''", "999|''"},
      delimiter = '|', emptyValue = "")
  void knowsTheStandardPhrasesAndNothingElse(int code, String phrase) {
    assertEquals(phrase, ReasonPhrases.of(code));
  }
}
