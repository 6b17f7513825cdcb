package io.gust.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlowControlWindowTest {
  @Test
  void spendingAndCreditingMoveTheWindow() {
    FlowControlWindow window = new FlowControlWindow(100);
    window.consume(60);
    assertEquals(40, window.available());
    assertTrue(window.credit(10));
    assertEquals(50, window.available());
    assertThrows(IllegalArgumentException.class, () -> window.consume(51));
  }

  @Test
  void shrunkenInitialSizeLeavesTheWindowNegativeUntilCredited() {
    FlowControlWindow window = new FlowControlWindow(100);
    window.consume(80);
    assertTrue(window.credit(-50));
    assertEquals(0, window.available());
    assertTrue(window.credit(40));
    assertEquals(10, window.available());
  }

  @Test
  void creditPastTwoToTheThirtyOneIsRefused() {
    FlowControlWindow window = new FlowControlWindow(Http2Settings.MAX_WINDOW_SIZE);
    assertFalse(window.credit(1));
    assertEquals(Http2Settings.MAX_WINDOW_SIZE, window.available());
  }

  @Test
  void receiveWindowRefusesOverrunAndCreditsInHalves() {
    ReceiveWindow window = new ReceiveWindow(1000, 1000);
    assertTrue(window.receive(600));
    assertFalse(window.receive(401), "past the window");
    assertEquals(0, window.consumed(400), "less than half: no frame yet");
    assertEquals(600, window.consumed(200));
    assertTrue(window.receive(1000));
  }

  @Test
  void largerTargetThanAnnouncedIsCreditedAtOnce() {
    ReceiveWindow window = new ReceiveWindow(65_535, 1 << 24);
    assertEquals((1 << 24) - 65_535, window.consumed(0));
    assertTrue(window.receive(1 << 24));
  }
}
