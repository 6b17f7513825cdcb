package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FieldListTest {
  private static List<Long> decimals(Headers headers, String name) {
    List<Long> result = new ArrayList<>();
    FieldList list = new FieldList(headers, name);
    while (list.next()) {
      result.add(list.decimal());
    }
    return result;
  }

  @Test
  void walksTrimmedElementsAcrossFieldLinesSkippingEmptyOnes() {
    Headers headers = Headers.of("N", " 1 ,, 2,", "Other", "9", "n", "\t3", "N", "");
    assertEquals(List.of(1L, 2L, 3L), decimals(headers, "N"));
  }

  @Test
  void comparesTheLeadingTokenIgnoringCaseAndParameters() {
    FieldList list = new FieldList(Headers.of("TE", "Chunked;q=1, gzip ;level=9, chunkedx"), "TE");
    assertTrue(list.next());
    assertTrue(list.is("chunked"));
    assertTrue(list.next());
    assertTrue(list.is("gzip"));
    assertTrue(list.next());
    assertFalse(list.is("chunked"));
    assertFalse(list.next());
  }

  @Test
  void commaInsideAQuotedStringDoesNotEndTheElement() {
    FieldList list = new FieldList(Headers.of("TE", "a;p=\"x, \\\"y\", b"), "TE");
    assertTrue(list.next());
    assertTrue(list.isTokenWithParameters());
    assertTrue(list.next());
    assertTrue(list.isBare("B"));
    assertFalse(list.next());
  }

  @Test
  void decimalRefusesSignsLettersAndOverflow() {
    Headers headers = Headers.of("N", "+1, 1a, 9223372036854775807, 9223372036854775808");
    assertEquals(List.of(-1L, -1L, Long.MAX_VALUE, -1L), decimals(headers, "N"));
  }
}
