package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class CliLoggingTest {
  @Test
  void warningsAndAboveGoToStderrOnALineEach() {
    LoggerContext context = new LoggerContext();
    assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new CliLogging().configure(context));
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertEquals(Level.WARN, root.getLevel());
    ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
    assertEquals("System.err", stderr.getTarget());
    context.stop();
  }

  @Test
  void aConfigurationFileNamedOnTheCommandLineWins() {
    System.setProperty("logback.configurationFile", "custom.xml");
    try {
      assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, new CliLogging().configure(new LoggerContext()));
    } finally {
      System.clearProperty("logback.configurationFile");
    }
  }
}
