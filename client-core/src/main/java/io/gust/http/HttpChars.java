package io.gust.http;

/**
 * The character classes of RFC 9110 that Gust checks, and the checks built on them. Messages
 * never quote field values: they may hold credentials.
 */
public final class HttpChars {
  /** {@code TOKEN[c]} is true when ASCII {@code c} is a tchar of RFC 9110 §5.6.2. */
  private static final boolean[] TOKEN = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TOKEN[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TOKEN[c] = true;
      TOKEN[c - 'a' + 'A'] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TOKEN[c] = true;
    }
  }

  private HttpChars() {}

  public static boolean isTokenChar(int c) {
    return c >= 0 && c < 128 && TOKEN[c];
  }

  /** Whether {@code s} is a non-empty RFC 9110 token. */
  public static boolean isToken(String s) {
    int length = s.length();
    if (length == 0) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code c} may stand in a field value or reason phrase: anything in ISO-8859-1 but
   * CTLs, HTAB excepted. Wider characters have no single byte to travel as.
   */
  public static boolean isFieldChar(int c) {
    return (c >= 0x20 || c == '\t') && c != 0x7f && c <= 0xff;
  }

  /** Returns the index of the first character not allowed in a field value, or -1. */
  public static int invalidFieldChar(String s) {
    for (int i = 0, length = s.length(); i < length; i++) {
      if (!isFieldChar(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the greatest character of {@code s}, or 0 when it is empty. */
  public static char widestChar(String s) {
    char widest = 0;
    for (int i = 0, length = s.length(); i < length; i++) {
      widest = (char) Math.max(widest, s.charAt(i));
    }
    return widest;
  }

  /** Returns {@code name} if it is a token, else throws {@link IllegalArgumentException}. */
  public static String checkToken(String name, String what) {
    if (name == null) {
      throw new NullPointerException(what + " == null");
    }
    if (!isToken(name)) {
      throw new IllegalArgumentException(what + " is not an RFC 9110 token: " + excerpt(name));
    }
    return name;
  }

  /** Returns {@code value} if it may be a value of field {@code name}, else throws. */
  public static String checkFieldValue(String name, String value) {
    if (value == null) {
      throw new NullPointerException("value for " + name + " == null");
    }
    int bad = invalidFieldChar(value);
    if (bad >= 0 && value.charAt(bad) > 0xff) {
      throw new IllegalArgumentException(String.format("value of header %s has character U+%04X"
          + " at index %d, outside ISO-8859-1: encode it first (RFC 8187, percent-encoding)",
          name, (int) value.charAt(bad), bad));
    }
    if (bad >= 0) {
      throw new IllegalArgumentException(String.format(
          "value of header %s has control character 0x%02x at index %d", name,
          (int) value.charAt(bad), bad));
    }
    return value;
  }

  /** Returns at most 64 characters of {@code s} with anything unprintable shown as '?'. */
  public static String excerpt(String s) {
    int length = Math.min(s.length(), 64);
    StringBuilder result = new StringBuilder(length + 3);
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      result.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return length < s.length() ? result.append("...").toString() : result.toString();
  }

  /** Whether {@code b} is optional whitespace (SP or HTAB). */
  public static boolean isOws(int b) {
    return b == ' ' || b == '\t';
  }

  /** Whether two field names are the same, ignoring ASCII case. */
  public static boolean sameName(String a, String b) {
    return a == b || a.equalsIgnoreCase(b);
  }
}
