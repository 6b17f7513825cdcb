package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TimingsTest {
  @Test
  void phasesThatDidNotHappenAreZero() {
    Timings timings = Timings.none();
    assertEquals(Duration.ZERO, timings.dns());
    assertEquals(Duration.ZERO, timings.total());
    assertEquals(Instant.EPOCH, timings.start());
  }

  @Test
  void keepsTheStartInstant() {
    Instant start = Instant.parse("2026-12-04T14:00:00.123456Z");
    Timings timings = Timings.newBuilder().start(start).totalNanos(5).build();
    assertEquals(start, timings.start());
    assertTrue(timings.toString().contains("start=2026-12-04T14:00:00.123456Z"));
  }

  @Test
  void keepsAnyInstantAndTheClientsEpochNanosExactly() {
    assertEquals(Instant.MAX, Timings.newBuilder().start(Instant.MAX).build().start());
    assertEquals(Instant.MIN, Timings.newBuilder().start(Instant.MIN).build().start());
    assertEquals(Instant.ofEpochSecond(1_796_392_800L, 123_456_789),
        measuredFrom(1_796_392_800_123_456_789L).start());
    assertEquals(Instant.ofEpochSecond(-1, 999_999_999),
        measuredFrom(-1).start());
  }

  private static Timings measuredFrom(long startEpochNanos) {
    return Timings.measured(startEpochNanos, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void keepsEachPhaseFromNanoseconds() {
    Timings timings = Timings.newBuilder().queueNanos(1).dnsNanos(2).connectNanos(3).tlsNanos(4)
        .requestWrittenNanos(5).firstByteNanos(6).bodyNanos(7).totalNanos(1_500_000).build();
    assertEquals(Duration.ofNanos(1), timings.queue());
    assertEquals(Duration.ofNanos(2), timings.dns());
    assertEquals(Duration.ofNanos(3), timings.connect());
    assertEquals(Duration.ofNanos(4), timings.tls());
    assertEquals(Duration.ofNanos(5), timings.requestWritten());
    assertEquals(Duration.ofNanos(6), timings.firstByte());
    assertEquals(Duration.ofNanos(7), timings.body());
    assertEquals(Duration.ofNanos(1_500_000), timings.total());
    assertEquals(true, timings.toString().contains("total=1.5ms"), timings.toString());
  }

  @Test
  void refusesNegativeDurations() {
    assertThrows(IllegalArgumentException.class, () -> Timings.newBuilder().dnsNanos(-1));
  }
}
