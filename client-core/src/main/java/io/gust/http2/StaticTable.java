package io.gust.http2;

import java.util.HashMap;
import java.util.Map;

/**
 * The static table of RFC 7541 Appendix A, indexed from 1, with lookups by name and by name and
 * value for the encoder.
 */
final class StaticTable {
  private static final String[] NAMES_AND_VALUES = {
      ":authority", "", ":method", "GET", ":method", "POST", ":path", "/", ":path", "/index.html",
      ":scheme", "http", ":scheme", "https", ":status", "200", ":status", "204", ":status", "206",
      ":status", "304", ":status", "400", ":status", "404", ":status", "500", "accept-charset", "",
      "accept-encoding", "gzip, deflate", "accept-language", "", "accept-ranges", "", "accept", "",
      "access-control-allow-origin", "", "age", "", "allow", "", "authorization", "",
      "cache-control", "", "content-disposition", "", "content-encoding", "",
      "content-language", "", "content-length", "", "content-location", "", "content-range", "",
      "content-type", "", "cookie", "", "date", "", "etag", "", "expect", "", "expires", "",
      "from", "", "host", "", "if-match", "", "if-modified-since", "", "if-none-match", "",
      "if-range", "", "if-unmodified-since", "", "last-modified", "", "link", "", "location", "",
      "max-forwards", "", "proxy-authenticate", "", "proxy-authorization", "", "range", "",
      "referer", "", "refresh", "", "retry-after", "", "server", "", "set-cookie", "",
      "strict-transport-security", "", "transfer-encoding", "", "user-agent", "", "vary", "",
      "via", "", "www-authenticate", "",
  };

  /** Entries in the table: indexes 1 to LENGTH. */
  static final int LENGTH = NAMES_AND_VALUES.length / 2;

  private static final HeaderField[] FIELDS = new HeaderField[LENGTH + 1];

  /** The first index of each name; entries sharing a name are contiguous. */
  private static final Map<String, Integer> FIRST_INDEX = new HashMap<>();

  static {
    for (int index = 1; index <= LENGTH; index++) {
      String name = NAMES_AND_VALUES[2 * index - 2];
      FIELDS[index] = new HeaderField(name, NAMES_AND_VALUES[2 * index - 1]);
      FIRST_INDEX.putIfAbsent(name, index);
    }
  }

  private StaticTable() {}

  /** Returns the entry at {@code index}, 1 to LENGTH. */
  static HeaderField get(int index) {
    return FIELDS[index];
  }

  /**
   * Returns the index of an entry matching name and value, else the negated index of the first
   * entry matching the name, else 0.
   */
  static int find(String name, String value) {
    Integer first = FIRST_INDEX.get(name);
    if (first == null) {
      return 0;
    }
    for (int index = first; index <= LENGTH && FIELDS[index].name().equals(name); index++) {
      if (FIELDS[index].value().equals(value)) {
        return index;
      }
    }
    return -first;
  }
}
