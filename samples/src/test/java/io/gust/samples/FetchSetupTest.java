package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code fetch} prepares: the loop it runs on (what its watchdog says when a task holds it)
 * and its TLS options.
 */
@Timeout(30)
class FetchSetupTest {
  /** Regression: under -s a held loop printed a WARN with a stack trace on stderr. */
  @Test
  void silentFetchReportsAHeldLoopBelowWarn() throws Exception {
    assertEquals(List.of(), warningsWhileTheLoopIsHeld("-s"));
  }

  /** The control: without -s the same hold is a WARN, so the test above can fail. */
  @Test
  void fetchWithoutSilentReportsAHeldLoopAsWarn() throws Exception {
    assertFalse(warningsWhileTheLoopIsHeld().isEmpty());
  }

  /** Start-up: a plain http fetch pays for no TLS warm-up; an https one (or -k) still has it. */
  @Test
  void onlyAFetchThatMaySpeakTlsWarmsTlsUp() throws Exception {
    try (FetchSetup plain = FetchSetup.prepare(CurlOptions.parse(new String[] {"-s",
        "http://127.0.0.1/"}, path -> null), false);
        FetchSetup https = FetchSetup.prepare(CurlOptions.parse(new String[] {"-s",
            "https://127.0.0.1/"}, path -> null), true);
        FetchSetup insecure = FetchSetup.prepare(CurlOptions.parse(new String[] {"-k",
            "http://127.0.0.1/"}, path -> null), false)) {
      assertFalse(plain.tls.warmsUp());
      assertTrue(https.tls.warmsUp());
      assertTrue(insecure.tls.warmsUp());
    }
  }

  /** Holds the fetch loop for 600 ms, four times the watchdog's threshold; returns the WARNs. */
  private static List<String> warningsWhileTheLoopIsHeld(String... flags) throws Exception {
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(events);
    String[] args = new String[flags.length + 1];
    System.arraycopy(flags, 0, args, 0, flags.length);
    args[flags.length] = "http://127.0.0.1/";
    try (FetchSetup setup = FetchSetup.prepare(CurlOptions.parse(args, path -> null), false)) {
      CountDownLatch neverOpened = new CountDownLatch(1);
      CompletableFuture<Boolean> held = new CompletableFuture<>();
      setup.loop.execute(() -> {
        try {
          held.complete(neverOpened.await(600, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
          held.completeExceptionally(e);
        }
      });
      held.get(10, TimeUnit.SECONDS);
    } finally {
      root.detachAppender(events);
    }
    return events.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }
}
