package io.gust.resolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counts this process's open sockets, to check that a resolver closed every one it opened. */
final class OpenSockets {
  static {
    // The JDK opens a socket of its own with the first channel (the one it duplicates over a
    // channel being closed) and keeps it: have it opened before anything counts.
    try {
      java.nio.channels.DatagramChannel.open().close();
      java.nio.channels.ServerSocketChannel.open().close();
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private OpenSockets() {}

  static long count() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(OpenSockets::isSocket).count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isSocket(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString().startsWith("socket:");
    } catch (IOException e) {
      return false;
    }
  }
}
