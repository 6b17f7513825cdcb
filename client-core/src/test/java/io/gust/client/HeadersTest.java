package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HeadersTest {
  @Test
  void looksNamesUpIgnoringCaseAndKeepsTheirSpelling() {
    Headers headers = Headers.of("Content-TYPE", "text/html");
    assertEquals("text/html", headers.get("content-type"));
    assertEquals("Content-TYPE", headers.name(0));
    assertNull(headers.get("Content-Length"));
  }

  @Test
  void getReturnsTheFirstValueAndValuesReturnsAllInOrder() {
    Headers headers = Headers.of("Vary", "a", "X", "1", "vary", "b");
    assertEquals("a", headers.get("VARY"));
    assertEquals(List.of("a", "b"), headers.values("Vary"));
    assertEquals(List.of(), headers.values("None"));
    assertEquals(3, headers.size());
  }

  @Test
  void namesAreDistinctInOrderOfFirstAppearance() {
    Headers headers = Headers.of("B", "1", "a", "2", "b", "3");
    assertEquals(List.of("B", "a"), List.copyOf(headers.names()));
    assertEquals(Set.of("B", "a"), headers.names());
  }

  @Test
  void setReplacesTheFirstInPlaceAndDropsTheOthers() {
    Headers headers = Headers.of("A", "1", "B", "2", "a", "3").newBuilder().set("a", "new").build();
    assertEquals(Headers.of("a", "new", "B", "2"), headers);
    assertEquals("a", headers.name(0));
    assertEquals(Headers.of("X", "1", "Y", "2"), Headers.of("X", "1").newBuilder().set("Y", "2").build());
  }

  @Test
  void removeDropsEverySpelling() {
    Headers headers = Headers.of("A", "1", "B", "2", "a", "3").newBuilder().remove("A").build();
    assertEquals(Headers.of("B", "2"), headers);
  }

  @Test
  void newBuilderCopiesWithoutChangingTheOriginal() {
    Headers original = Headers.of("A", "1");
    Headers changed = original.newBuilder().add("B", "2").build();
    assertEquals(1, original.size());
    assertEquals(2, changed.size());
  }

  @Test
  void builderGrowsPastItsInitialCapacity() {
    Headers.Builder builder = new Headers.Builder();
    for (int i = 0; i < 100; i++) {
      builder.add("H" + i, "v" + i);
    }
    Headers headers = builder.build();
    assertEquals(100, headers.size());
    assertEquals("v99", headers.get("h99"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bad Name", "Bad:Name", "Bad\r\nName", "Name\u0000", "(x)", "caf\u00e9"})
  void rejectsNamesThatAreNotTokens(String name) {
    assertThrows(IllegalArgumentException.class, () -> new Headers.Builder().add(name, "v"));
    assertThrows(IllegalArgumentException.class, () -> new Headers.Builder().set(name, "v"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb", "a\nb", "a\r\nInjected: yes", "nul\u0000", "bell\u0007", "del\u007f"})
  void rejectsValuesWithControlCharacters(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Headers.Builder().add("X", value));
    assertFalse(e.getMessage().contains(value), "the message must not quote the value");
  }

  @Test
  void acceptsTabsObsTextAndEmptyValues() {
    Headers headers = Headers.of("A", "a\tb", "B", "caf\u00e9", "C", "");
    assertEquals("caf\u00e9", headers.get("b"));
  }

  @Test
  void rejectsNullsAndOddArgumentCounts() {
    assertThrows(NullPointerException.class, () -> Headers.of("A", null));
    assertThrows(NullPointerException.class, () -> Headers.of(null, "v"));
    assertThrows(IllegalArgumentException.class, () -> Headers.of("A"));
  }

  @Test
  void equalityIgnoresNameCaseButNotOrderOrValues() {
    assertEquals(Headers.of("A", "1", "B", "2"), Headers.of("a", "1", "b", "2"));
    assertEquals(Headers.of("A", "1").hashCode(), Headers.of("a", "1").hashCode());
    assertNotEquals(Headers.of("A", "1", "B", "2"), Headers.of("B", "2", "A", "1"));
    assertNotEquals(Headers.of("A", "1"), Headers.of("A", "2"));
    assertEquals(Headers.empty(), new Headers.Builder().build());
  }

  @Test
  void toStringRedactsCredentials() {
    String text = Headers.of("Authorization", "Bearer s3cret", "cookie", "id=s3cret",
        "Proxy-Authorization", "s3cret", "Set-Cookie", "s3cret", "Accept", "text/plain").toString();
    assertFalse(text.contains("s3cret"), text);
    assertTrue(text.contains("Accept: text/plain"), text);
    assertTrue(text.contains("Authorization: <redacted>"), text);
  }

  /** Regression: a value wider than ISO-8859-1 was accepted and went out as UTF-8. */
  @ParameterizedTest
  @ValueSource(strings = {"\u20ac", "caf\u00e9 \u2603", "\ud83d\ude00"})
  void valuesOutsideLatin1AreRefusedAtBuildTime(String value) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Headers.of("X-Name", value));
    assertTrue(refused.getMessage().contains("ISO-8859-1"), refused.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Headers.Builder().set("X-Name", value));
  }

  @Test
  void indexOutOfRangeFails() {
    assertThrows(IndexOutOfBoundsException.class, () -> Headers.of("A", "1").name(1));
    assertThrows(IndexOutOfBoundsException.class, () -> Headers.empty().value(0));
  }
}
