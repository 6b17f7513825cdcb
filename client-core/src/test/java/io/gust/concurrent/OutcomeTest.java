package io.gust.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OutcomeTest {
  @Test
  void aSuccessHasItsValueAndNoError() {
    Outcome<String> success = Outcome.success("v");
    assertTrue(success.isSuccess());
    assertEquals("v", success.value());
    assertThrows(IllegalStateException.class, success::error);
    assertNull(Outcome.success(null).value());
    assertEquals(Outcome.success("v"), success);
    assertEquals("Success[v]", success.toString());
  }

  @Test
  void aFailureHasItsUnwrappedErrorAndNoValue() {
    IOException cause = new IOException("down");
    Outcome<String> failure = Outcome.failure(new CompletionException(cause));
    assertFalse(failure.isSuccess());
    assertFalse(failure.isCancelled());
    assertSame(cause, failure.error());
    IllegalStateException noValue = assertThrows(IllegalStateException.class, failure::value);
    assertSame(cause, noValue.getCause());
    assertNotEquals(Outcome.success(null), failure);
  }

  @Test
  void aCancellationIsAFailureThatSaysSo() {
    assertTrue(Outcome.failure(new CancellationException()).isCancelled());
  }
}
