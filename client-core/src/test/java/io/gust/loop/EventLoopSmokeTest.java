package io.gust.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventLoopSmokeTest {
  @Test
  void executeAndScheduleRun() throws Exception {
    try (EventLoop loop = EventLoop.create()) {
      CompletableFuture<String> done = new CompletableFuture<>();
      loop.execute(() -> loop.schedule(Duration.ofMillis(5), () -> done.complete(Thread.currentThread().getName())));
      assertEquals(loop.name(), done.get(5, TimeUnit.SECONDS));
    }
  }
}
