package io.gust.http;

import java.util.Locale;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small table of common field names, so that parsing a head allocates no string for them. A
 * name read off the wire is matched in its canonical spelling ({@code Content-Length}) and in
 * lower case ({@code content-length}); both spellings map to interned constants, which keeps the
 * original case and lets lookups succeed on identity.
 */
final class HeaderNames {
  private static final String[] COMMON = {
      "Accept", "Accept-Encoding", "Accept-Language", "Accept-Ranges",
      "Access-Control-Allow-Origin", "Age", "Allow", "Alt-Svc", "Authorization", "Cache-Control",
      "Connection", "Content-Disposition", "Content-Encoding", "Content-Language",
      "Content-Length", "Content-Location", "Content-Range", "Content-Security-Policy",
      "Content-Type", "Cookie", "Date", "ETag", "Expect", "Expires", "Host", "If-Match",
      "If-Modified-Since", "If-None-Match", "Keep-Alive", "Last-Modified", "Link", "Location",
      "Origin", "Pragma", "Proxy-Authenticate", "Proxy-Authorization", "Range", "Referer",
      "Retry-After", "Server", "Set-Cookie", "Strict-Transport-Security", "TE", "Trailer",
      "Transfer-Encoding", "Upgrade", "User-Agent", "Vary", "Via", "WWW-Authenticate",
      "X-Content-Type-Options", "X-Forwarded-For", "X-Frame-Options", "X-Request-Id",
  };

  /** Longest name in the table. */
  private static final int MAX_LENGTH = 32;

  /** Spellings by length: {@code BYTES[n][i]} is the wire form of {@code STRINGS[n][i]}. */
  private static final byte[][][] BYTES = new byte[MAX_LENGTH + 1][][];

  private static final String[][] STRINGS = new String[MAX_LENGTH + 1][];

  static {
    int[] counts = new int[MAX_LENGTH + 1];
    for (String name : COMMON) {
      counts[name.length()] += 2;
    }
    for (int n = 0; n <= MAX_LENGTH; n++) {
      BYTES[n] = new byte[counts[n]][];
      STRINGS[n] = new String[counts[n]];
      counts[n] = 0;
    }
    for (String name : COMMON) {
      int n = name.length();
      String lower = name.toLowerCase(Locale.ROOT).intern();
      STRINGS[n][counts[n]] = name;
      BYTES[n][counts[n]++] = name.getBytes(StandardCharsets.US_ASCII);
      STRINGS[n][counts[n]] = lower;
      BYTES[n][counts[n]++] = lower.getBytes(StandardCharsets.US_ASCII);
    }
  }

  private HeaderNames() {}

  /**
   * Returns the interned name spelled by {@code line[0..length)}, or null when the table has no
   * such spelling.
   */
  static String lookup(byte[] line, int length) {
    if (length > MAX_LENGTH) {
      return null;
    }
    byte[][] candidates = BYTES[length];
    byte first = line[0];
    for (int i = 0; i < candidates.length; i++) {
      byte[] candidate = candidates[i];
      if (candidate[0] == first && Arrays.equals(line, 0, length, candidate, 0, length)) {
        return STRINGS[length][i];
      }
    }
    return null;
  }
}
