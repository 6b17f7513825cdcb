package io.gust.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LoopOwnershipTest {
  @Test
  void borrowedGroupIsUsedWholeAndLeftOpen() {
    try (EventLoopGroup group = EventLoopGroup.create(2)) {
      LoopOwnership ownership = LoopOwnership.borrowed(group);
      assertEquals(group.loops(), ownership.loops());
      ownership.close();
      assertTrue(group.loops().stream().noneMatch(EventLoop::isClosed));
    }
  }

  @Test
  void borrowedLoopIsUsedAndLeftOpen() {
    EventLoop loop = EventLoop.create();
    try {
      LoopOwnership ownership = LoopOwnership.borrowed(loop);
      assertEquals(List.of(loop), ownership.loops());
      ownership.close();
      assertFalse(loop.isClosed());
    } finally {
      loop.close();
    }
  }

  @Test
  void ownedLoopIsCreatedAndClosedOnce() {
    LoopOwnership ownership = LoopOwnership.owned();
    assertEquals(1, ownership.loops().size());
    EventLoop created = ownership.loops().get(0);
    assertFalse(created.isClosed());
    ownership.close();
    assertTrue(created.isClosed());
    ownership.close();
  }

  @Test
  void nothingToBorrowIsAProgrammerError() {
    assertThrows(NullPointerException.class, () -> LoopOwnership.borrowed((EventLoop) null));
    assertThrows(NullPointerException.class, () -> LoopOwnership.borrowed((EventLoopGroup) null));
  }
}
