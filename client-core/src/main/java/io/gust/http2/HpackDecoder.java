package io.gust.http2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes HPACK header blocks (RFC 7541 §6) into fields, keeping the dynamic table in step with
 * the peer's encoder. Every block is decoded to its end, even one whose header list passes the
 * limit: fields past the limit are still entered in the table but not kept, and the block then
 * fails as a stream error. A malformed block is a connection error (COMPRESSION_ERROR).
 */
final class HpackDecoder {
  /** The default SETTINGS_HEADER_TABLE_SIZE of RFC 9113 §6.5.2. */
  static final int DEFAULT_TABLE_SIZE = 4096;

  private final DynamicTable table = new DynamicTable(DEFAULT_TABLE_SIZE);

  /** The local SETTINGS_HEADER_TABLE_SIZE: no size update may ask for more. */
  private int tableSizeLimit = DEFAULT_TABLE_SIZE;

  /** Set when the limit shrank below the table: the next block must start with a size update. */
  private boolean sizeUpdateRequired;

  private long maxHeaderListSize = Long.MAX_VALUE;

  private byte[] in;
  private int pos;
  private int end;
  private byte[] scratch = new byte[64];

  /** Applies the local SETTINGS_HEADER_TABLE_SIZE once the peer has acknowledged it. */
  void setTableSizeLimit(int limit) {
    if (limit < table.maxSize()) {
      sizeUpdateRequired = true;
    }
    tableSizeLimit = limit;
  }

  /** Applies the local SETTINGS_MAX_HEADER_LIST_SIZE. */
  void setMaxHeaderListSize(long limit) {
    maxHeaderListSize = limit;
  }

  DynamicTable table() {
    return table;
  }

  /**
   * Decodes the block {@code block[0..length)} sent on {@code streamId}.
   *
   * @throws Http2Exception a connection error for a malformed block, or a {@link
   *     HeaderListTooLargeException} after decoding a block whose list passes the limit
   */
  List<HeaderField> decode(byte[] block, int length, int streamId) throws Http2Exception {
    in = block;
    pos = 0;
    end = length;
    try {
      readSizeUpdates();
      List<HeaderField> fields = new ArrayList<>();
      long listSize = 0;
      while (pos < end) {
        HeaderField field = readField();
        listSize += field.hpackSize();
        if (listSize <= maxHeaderListSize) {
          fields.add(field);
        }
      }
      if (listSize > maxHeaderListSize) {
        throw new HeaderListTooLargeException(streamId, listSize, maxHeaderListSize);
      }
      return fields;
    } finally {
      in = null;
    }
  }

  private void readSizeUpdates() throws Http2Exception {
    while (pos < end && (in[pos] & 0xe0) == 0x20) {
      int newSize = readInt(5);
      if (newSize > tableSizeLimit) {
        throw malformed("table size update to " + newSize + " passes the limit " + tableSizeLimit);
      }
      table.setMaxSize(newSize);
      sizeUpdateRequired = false;
    }
    if (sizeUpdateRequired) {
      throw malformed("block lacks the table size update the smaller limit requires");
    }
  }

  private HeaderField readField() throws Http2Exception {
    int first = in[pos] & 0xff;
    if ((first & 0x80) != 0) {
      return entry(readInt(7));
    }
    if ((first & 0xc0) == 0x40) {
      HeaderField field = readLiteral(6);
      table.add(field);
      return field;
    }
    if ((first & 0xe0) == 0x20) {
      throw malformed("table size update after the start of the block");
    }
    return readLiteral(4);
  }

  private HeaderField readLiteral(int prefixBits) throws Http2Exception {
    int nameIndex = readInt(prefixBits);
    String name = nameIndex == 0 ? readString() : entry(nameIndex).name();
    return new HeaderField(name, readString());
  }

  private HeaderField entry(int index) throws Http2Exception {
    if (index == 0) {
      throw malformed("index 0");
    }
    if (index <= StaticTable.LENGTH) {
      return StaticTable.get(index);
    }
    int dynamicIndex = index - StaticTable.LENGTH;
    if (dynamicIndex > table.length()) {
      throw malformed("index " + index + " is past the table's " + table.length() + " entries");
    }
    return table.get(dynamicIndex);
  }

  private String readString() throws Http2Exception {
    if (pos >= end) {
      throw malformed("block ends before a string");
    }
    boolean huffman = (in[pos] & 0x80) != 0;
    int length = readInt(7);
    if (length > end - pos) {
      throw malformed("string of " + length + " octets passes the end of the block");
    }
    int start = pos;
    pos += length;
    if (!huffman) {
      return new String(in, start, length, StandardCharsets.ISO_8859_1);
    }
    int max = Huffman.maxDecodedLength(length);
    if (scratch.length < max) {
      scratch = new byte[Math.max(max, scratch.length * 2)];
    }
    int decoded = Huffman.decode(in, start, length, scratch);
    if (decoded < 0) {
      throw malformed("invalid Huffman string");
    }
    return new String(scratch, 0, decoded, StandardCharsets.ISO_8859_1);
  }

  /** Reads an RFC 7541 §5.1 integer whose first octet keeps {@code prefixBits} low bits. */
  private int readInt(int prefixBits) throws Http2Exception {
    int prefixMax = (1 << prefixBits) - 1;
    int value = in[pos++] & prefixMax;
    if (value < prefixMax) {
      return value;
    }
    for (int shift = 0; ; shift += 7) {
      if (pos >= end) {
        throw malformed("block ends inside an integer");
      }
      int octet = in[pos++] & 0xff;
      if (shift == 28 && (octet & 0x7f) > (Integer.MAX_VALUE - value) >>> shift || shift > 28) {
        throw malformed("integer overflows 31 bits");
      }
      value += (octet & 0x7f) << shift;
      if ((octet & 0x80) == 0) {
        return value;
      }
    }
  }

  private static Http2Exception malformed(String message) {
    return Http2Exception.connection(ErrorCode.COMPRESSION_ERROR, "HPACK: " + message);
  }
}
