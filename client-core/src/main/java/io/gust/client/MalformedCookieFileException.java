package io.gust.client;

import java.io.IOException;

/** Thrown when a cookie file holds a line that is neither a cookie nor a comment. */
public final class MalformedCookieFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int lineNumber;

  MalformedCookieFileException(int lineNumber, String problem) {
    super("line " + lineNumber + " of the cookie file: " + problem);
    this.lineNumber = lineNumber;
  }

  /** Returns the number of the offending line, counting from 1. */
  public int lineNumber() {
    return lineNumber;
  }
}
