package io.gust.http2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameBudgetTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void burstIsSpentThenRefused() {
    FrameBudget budget = new FrameBudget(3, 1, 0);
    assertTrue(budget.spend(0));
    assertTrue(budget.spend(0));
    assertTrue(budget.spend(0));
    assertFalse(budget.spend(0));
  }

  @Test
  void tokensComeBackAtTheRateAndNeverPastTheBurst() {
    FrameBudget budget = new FrameBudget(2, 10, 0);
    assertTrue(budget.spend(0));
    assertTrue(budget.spend(0));
    assertFalse(budget.spend(SECOND / 20));
    assertTrue(budget.spend(SECOND / 10 + SECOND / 20));
    assertTrue(budget.spend(100 * SECOND));
    assertTrue(budget.spend(100 * SECOND));
    assertFalse(budget.spend(100 * SECOND));
  }
}
