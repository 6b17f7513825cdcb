package io.gust.http;

import java.util.Locale;
import okio.Buffer;
import okio.ByteString;

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
  private static final ByteString[][] BYTES = new ByteString[MAX_LENGTH + 1][];

  private static final String[][] STRINGS = new String[MAX_LENGTH + 1][];

  static {
    int[] counts = new int[MAX_LENGTH + 1];
    for (String name : COMMON) {
      counts[name.length()] += 2;
    }
    for (int n = 0; n <= MAX_LENGTH; n++) {
      BYTES[n] = new ByteString[counts[n]];
      STRINGS[n] = new String[counts[n]];
      counts[n] = 0;
    }
    for (String name : COMMON) {
      int n = name.length();
      String lower = name.toLowerCase(Locale.ROOT).intern();
      STRINGS[n][counts[n]] = name;
      BYTES[n][counts[n]++] = ByteString.encodeUtf8(name);
      STRINGS[n][counts[n]] = lower;
      BYTES[n][counts[n]++] = ByteString.encodeUtf8(lower);
    }
  }

  private HeaderNames() {}

  /**
   * Returns the interned name equal to the first {@code length} bytes of {@code in}, or null
   * when the table has no such spelling. Consumes nothing.
   */
  static String lookup(Buffer in, long length) {
    if (length > MAX_LENGTH) {
      return null;
    }
    ByteString[] candidates = BYTES[(int) length];
    for (int i = 0; i < candidates.length; i++) {
      if (in.rangeEquals(0, candidates[i])) {
        return STRINGS[(int) length][i];
      }
    }
    return null;
  }
}
