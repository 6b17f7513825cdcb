package io.gust.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlowWindowTest {
  @Test
  void consumingPastTheWindowIsRefusedAndChangesNothing() {
    FlowWindow window = new FlowWindow(10);
    assertTrue(window.consume(10));
    assertFalse(window.consume(1));
    assertEquals(0, window.size());
  }

  @Test
  void creditPastTwoToTheThirtyOneIsRefused() {
    FlowWindow window = new FlowWindow(65_535);
    assertFalse(window.credit(Integer.MAX_VALUE));
    assertEquals(65_535, window.size());
    assertTrue(window.credit(Integer.MAX_VALUE - 65_535L));
    assertEquals(Integer.MAX_VALUE, window.size());
  }

  @Test
  void aShrunkInitialWindowMayLeaveItNegativeAndNothingAvailable() {
    FlowWindow window = new FlowWindow(100);
    assertTrue(window.consume(80));
    assertTrue(window.credit(-50));
    assertEquals(-30, window.size());
    assertEquals(0, window.available());
    assertFalse(window.consume(1));
  }
}
