package io.gust.http2;

import java.util.List;
import okio.Buffer;

/**
 * Encodes header lists as HPACK blocks (RFC 7541 §6). A field matching a table entry is sent as
 * an index; any other is sent as a literal entered in the dynamic table, except credentials,
 * which are sent never-indexed (§7.1.3) so that neither this table nor an intermediary's can
 * leak them through compression: authorization, proxy-authorization, set-cookie, and cookie
 * values too short to resist guessing. A field larger than three quarters of the table is sent
 * without indexing rather than flushing the table. Literals are Huffman-coded unless that is
 * longer.
 */
final class HpackEncoder {
  /** Cookie values shorter than this are never indexed (RFC 7541 §7.1.3). */
  static final int SHORT_COOKIE = 20;

  private final DynamicTable table = new DynamicTable(HpackDecoder.DEFAULT_TABLE_SIZE);
  private final boolean huffman;
  private final boolean protectCredentials;

  /** The most memory this encoder will give its table, whatever the peer allows. */
  private final int tableSizeCap;

  /** Octets of the string being written; grown to the longest string so far. */
  private byte[] scratch = new byte[64];

  /** Smallest table size since the last block, or -1 when no update is pending. */
  private int smallestPendingSize = -1;

  HpackEncoder() {
    this(true, true, HpackDecoder.DEFAULT_TABLE_SIZE);
  }

  HpackEncoder(boolean huffman, boolean protectCredentials, int tableSizeCap) {
    this.huffman = huffman;
    this.protectCredentials = protectCredentials;
    this.tableSizeCap = tableSizeCap;
    setPeerTableSize(HpackDecoder.DEFAULT_TABLE_SIZE);
  }

  DynamicTable table() {
    return table;
  }

  /**
   * Applies the peer's SETTINGS_HEADER_TABLE_SIZE: the table takes the smaller of it and this
   * encoder's cap, signalled at the start of the next block (with the smallest size in between
   * when it changed twice, as RFC 7541 §4.2 requires).
   */
  void setPeerTableSize(int peerSize) {
    int newSize = Math.min(peerSize, tableSizeCap);
    if (newSize == table.maxSize() && smallestPendingSize < 0) {
      return;
    }
    smallestPendingSize = smallestPendingSize < 0 ? newSize : Math.min(smallestPendingSize, newSize);
    table.setMaxSize(newSize);
  }

  /**
   * Appends the HPACK block for {@code fields} to {@code sink}.
   *
   * @throws IllegalArgumentException when a name or value holds a char wider than one octet;
   *     nothing is written and the table is untouched
   */
  void encode(List<HeaderField> fields, Buffer sink) {
    for (int i = 0, n = fields.size(); i < n; i++) {
      checkOctets(fields.get(i).name());
      checkOctets(fields.get(i).value());
    }
    if (smallestPendingSize >= 0) {
      if (smallestPendingSize < table.maxSize()) {
        writeInt(sink, 0x20, 5, smallestPendingSize);
      }
      writeInt(sink, 0x20, 5, table.maxSize());
      smallestPendingSize = -1;
    }
    for (int i = 0, n = fields.size(); i < n; i++) {
      encode(fields.get(i), sink);
    }
  }

  private void encode(HeaderField field, Buffer sink) {
    String name = field.name();
    String value = field.value();
    boolean sensitive = isSensitive(name, value);
    int match = StaticTable.find(name, value);
    if (match <= 0 && !sensitive) {
      int dynamic = table.find(name, value);
      if (dynamic > 0) {
        match = dynamic + StaticTable.LENGTH;
      } else if (match == 0 && dynamic < 0) {
        match = dynamic - StaticTable.LENGTH;
      }
    }
    if (match > 0) {
      writeInt(sink, 0x80, 7, match);
      return;
    }
    int nameIndex = -match;
    if (sensitive) {
      writeInt(sink, 0x10, 4, nameIndex);
    } else if (field.hpackSize() <= table.maxSize() / 4 * 3) {
      writeInt(sink, 0x40, 6, nameIndex);
      table.add(field);
    } else {
      writeInt(sink, 0x00, 4, nameIndex);
    }
    if (nameIndex == 0) {
      writeString(sink, name);
    }
    writeString(sink, value);
  }

  private boolean isSensitive(String name, String value) {
    if (!protectCredentials) {
      return false;
    }
    switch (name) {
      case "authorization":
      case "proxy-authorization":
      case "set-cookie":
        return true;
      case "cookie":
        return value.length() < SHORT_COOKIE;
      default:
        return false;
    }
  }

  private static void checkOctets(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) > 0xff) {
        throw new IllegalArgumentException("field holds a char that is not one octet: U+"
            + Integer.toHexString(s.charAt(i)));
      }
    }
  }

  private void writeString(Buffer sink, String s) {
    int length = s.length();
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    int huffmanLength = huffman ? Huffman.encodedLength(s) : Integer.MAX_VALUE;
    if (huffmanLength <= length && length > 0) {
      writeInt(sink, 0x80, 7, huffmanLength);
      sink.write(scratch, 0, Huffman.encode(s, scratch));
    } else {
      writeInt(sink, 0x00, 7, length);
      for (int i = 0; i < length; i++) {
        scratch[i] = (byte) s.charAt(i);
      }
      sink.write(scratch, 0, length);
    }
  }

  /** Writes an RFC 7541 §5.1 integer after the high bits {@code pattern} of its first octet. */
  static void writeInt(Buffer sink, int pattern, int prefixBits, int value) {
    int prefixMax = (1 << prefixBits) - 1;
    if (value < prefixMax) {
      sink.writeByte(pattern | value);
      return;
    }
    sink.writeByte(pattern | prefixMax);
    value -= prefixMax;
    while (value >= 0x80) {
      sink.writeByte(value & 0x7f | 0x80);
      value >>>= 7;
    }
    sink.writeByte(value);
  }
}

