package io.gust.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventuallyTest {
  @Test
  void conditionThatAlreadyHoldsIsLookedAtOnce() {
    AtomicInteger looks = new AtomicInteger();
    Eventually.assertThat(Duration.ofSeconds(5), () -> "never", () -> looks.incrementAndGet() > 0);
    assertEquals(1, looks.get());
  }

  @Test
  void conditionThatComesTrueLaterEndsTheWait() {
    AtomicInteger looks = new AtomicInteger();
    Eventually.assertThat(Duration.ofSeconds(5), () -> "never", () -> looks.incrementAndGet() == 5);
    assertEquals(5, looks.get());
  }

  @Test
  void conditionThatNeverHoldsFailsWithTheMessageOnceTheTimeIsUp() {
    long start = System.nanoTime();
    AssertionError error = assertThrows(AssertionError.class,
        () -> Eventually.assertThat(Duration.ofMillis(50), () -> "the door is shut", () -> false));
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(50).toNanos());
    assertTrue(error.getMessage().endsWith("the door is shut"), error.getMessage());
  }

  @Test
  void lastComplaintIsTheFailureMessage() {
    AtomicInteger looks = new AtomicInteger();
    AssertionError error = assertThrows(AssertionError.class, () -> Eventually.noComplaint(
        Duration.ofMillis(20), () -> "look " + looks.incrementAndGet()));
    assertTrue(error.getMessage().endsWith("look " + looks.get()), error.getMessage());
  }

  @Test
  void uncheckedFailureOfTheConditionEndsTheWaitAsItIs() {
    IllegalStateException exited = new IllegalStateException("exited");
    assertSame(exited, assertThrows(IllegalStateException.class,
        () -> Eventually.assertThat(Duration.ofSeconds(5), () -> "never", () -> {
          throw exited;
        })));
  }

  @Test
  void checkedFailureOfTheConditionIsAnAssertionErrorWithItsCause() {
    IOException unreadable = new IOException("unreadable");
    AssertionError error = assertThrows(AssertionError.class,
        () -> Eventually.assertThat(Duration.ofSeconds(5), () -> "never", () -> {
          throw unreadable;
        }));
    assertSame(unreadable, error.getCause());
  }

  @Test
  void interruptEndsTheWaitAndStaysSet() {
    Thread.currentThread().interrupt();
    try {
      AssertionError error = assertThrows(AssertionError.class,
          () -> Eventually.assertThat(Duration.ofSeconds(5), () -> "never", () -> false));
      assertTrue(error.getMessage().startsWith("interrupted"), error.getMessage());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }
}
