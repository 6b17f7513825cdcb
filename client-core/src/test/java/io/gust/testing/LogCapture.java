package io.gust.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what a logger (and its children) logs while open, so that a test can assert that a
 * WARN or ERROR was, or was not, logged.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.of("io.gust")) {
 *   ...
 *   assertEquals(List.of(), logs.messagesAtLeast(Level.WARN));
 * }
 * }</pre>
 *
 * <p>Thread-safe: events from loop threads are recorded as they happen. Closing detaches the
 * capture and restores the logger's level.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previousLevel;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(String loggerName, Level level) {
    this.logger = (Logger) LoggerFactory.getLogger(loggerName);
    this.previousLevel = logger.getLevel();
    if (level != null) {
      logger.setLevel(level);
    }
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
  }

  /** Captures what {@code loggerName} logs at its configured level. */
  public static LogCapture of(String loggerName) {
    return new LogCapture(loggerName, null);
  }

  /** Captures what {@code type}'s logger logs at its configured level. */
  public static LogCapture of(Class<?> type) {
    return of(type.getName());
  }

  /** Captures what {@code loggerName} logs, lowering (or raising) its level to {@code level}. */
  public static LogCapture of(String loggerName, Level level) {
    return new LogCapture(loggerName, level);
  }

  /** Every event so far, oldest first. (The appender appends while holding its own lock.) */
  public List<ILoggingEvent> events() {
    synchronized (appender) {
      return new ArrayList<>(appender.list);
    }
  }

  /** The formatted messages of the events at {@code level} or above, oldest first. */
  public List<String> messagesAtLeast(Level level) {
    List<String> messages = new ArrayList<>();
    for (ILoggingEvent event : events()) {
      if (event.getLevel().isGreaterOrEqual(level)) {
        messages.add(event.getLevel() + " " + event.getLoggerName() + ": "
            + event.getFormattedMessage());
      }
    }
    return messages;
  }

  /** True when anything was logged at {@code level} or above. */
  public boolean hasAtLeast(Level level) {
    return !messagesAtLeast(level).isEmpty();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
    logger.setLevel(previousLevel);
  }
}
