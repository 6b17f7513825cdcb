package io.gust.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads and writes cookies in the Netscape cookie-file format that curl reads with {@code -b FILE}
 * and writes with {@code -c FILE}: one cookie a line, seven tab-separated fields (domain,
 * include-subdomains flag, path, secure flag, expiry in seconds since the epoch or 0 for a session
 * cookie, name, value), {@code #HttpOnly_} before the domain of an HttpOnly cookie, other lines
 * starting with {@code #} ignored.
 *
 * <p>The format has no room for {@code SameSite} or the creation time: cookies read back have
 * {@link Cookie.SameSite#UNSPECIFIED} and the time they were read, in file order. Every method
 * blocks on I/O: call them off the loop (at start-up, at shut-down, or through
 * {@code runInExecutor}). Stateless and thread-safe.
 */
public final class NetscapeCookieFile {
  private static final String HTTP_ONLY = "#HttpOnly_";

  private NetscapeCookieFile() {}

  /** Blocks until the file is read; returns its cookies in file order. */
  public static List<Cookie> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader);
    }
  }

  /**
   * Blocks until {@code reader} is read to its end; returns its cookies in order. Throws
   * {@link MalformedCookieFileException} naming the first line that is not a cookie or a comment.
   */
  public static List<Cookie> read(Reader reader) throws IOException {
    BufferedReader lines = reader instanceof BufferedReader
        ? (BufferedReader) reader : new BufferedReader(reader);
    Instant readAt = Instant.now();
    List<Cookie> cookies = new ArrayList<>();
    int number = 0;
    for (String line; (line = lines.readLine()) != null; ) {
      number++;
      if (line.isBlank() || (line.startsWith("#") && !line.startsWith(HTTP_ONLY))) {
        continue;
      }
      try {
        cookies.add(parseLine(line, readAt));
      } catch (IllegalArgumentException e) {
        throw new MalformedCookieFileException(number, e.getMessage());
      }
    }
    return cookies;
  }

  /** Blocks until the cookies are written to {@code file}, which is replaced. */
  public static void write(Collection<Cookie> cookies, Path file) throws IOException {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(cookies, writer);
    }
  }

  /** Blocks until the header and one line per cookie are written to {@code writer}. */
  public static void write(Collection<Cookie> cookies, Writer writer) throws IOException {
    writer.write("# Netscape HTTP Cookie File\n");
    writer.write("# Written by Gust in the format of curl's -b and -c options.\n\n");
    for (Cookie cookie : cookies) {
      writer.write(line(cookie));
      writer.write('\n');
    }
    writer.flush();
  }

  /** Returns the line for one cookie, without its line feed. */
  static String line(Cookie cookie) {
    return (cookie.isHttpOnly() ? HTTP_ONLY : "")
        + (cookie.isHostOnly() ? "" : ".") + cookie.domain()
        + '\t' + flag(!cookie.isHostOnly())
        + '\t' + cookie.path()
        + '\t' + flag(cookie.isSecure())
        + '\t' + (cookie.expiresAt() == null ? 0 : Math.max(1, cookie.expiresAt().getEpochSecond()))
        + '\t' + cookie.name()
        + '\t' + cookie.value();
  }

  private static Cookie parseLine(String line, Instant readAt) {
    boolean httpOnly = line.startsWith(HTTP_ONLY);
    String[] fields = (httpOnly ? line.substring(HTTP_ONLY.length()) : line).split("\t", 7);
    if (fields.length < 6) {
      throw new IllegalArgumentException("expected 7 tab-separated fields, found "
          + fields.length);
    }
    String domain = fields[0].startsWith(".") ? fields[0].substring(1) : fields[0];
    long expirySeconds = parseExpiry(fields[4]);
    return Cookie.builder(fields[5], fields.length == 7 ? fields[6] : "", domain)
        .hostOnly(!parseFlag(fields[1]))
        .path(fields[2])
        .secure(parseFlag(fields[3]))
        .httpOnly(httpOnly)
        .expiresAt(expirySeconds == 0 ? null : Instant.ofEpochSecond(expirySeconds))
        .createdAt(readAt)
        .build();
  }

  private static long parseExpiry(String field) {
    try {
      long seconds = Long.parseLong(field);
      if (seconds < 0) {
        throw new IllegalArgumentException("negative expiry " + field);
      }
      return Math.min(seconds, Instant.MAX.getEpochSecond());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expiry is not a number of seconds: " + field);
    }
  }

  private static String flag(boolean value) {
    return value ? "TRUE" : "FALSE";
  }

  private static boolean parseFlag(String field) {
    if (field.equalsIgnoreCase("TRUE")) {
      return true;
    }
    if (field.equalsIgnoreCase("FALSE")) {
      return false;
    }
    throw new IllegalArgumentException("expected TRUE or FALSE, found " + field);
  }
}
