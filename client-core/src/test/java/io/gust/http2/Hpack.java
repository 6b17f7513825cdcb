package io.gust.http2;

import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.ByteString;

/** Helpers for HPACK tests: field lists from pairs, encoding to bytes, and table snapshots. */
final class Hpack {
  private Hpack() {}

  /** Returns fields from alternating names and values. */
  static List<HeaderField> fields(String... namesAndValues) {
    List<HeaderField> fields = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.add(new HeaderField(namesAndValues[i], namesAndValues[i + 1]));
    }
    return fields;
  }

  static ByteString encode(HpackEncoder encoder, List<HeaderField> fields) {
    Buffer out = new Buffer();
    encoder.encode(fields, out);
    return out.readByteString();
  }

  static List<HeaderField> decode(HpackDecoder decoder, ByteString block) throws Http2Exception {
    return decoder.decode(block.toByteArray(), block.size(), 1);
  }

  /** Returns the table's entries, newest first. */
  static List<HeaderField> entries(DynamicTable table) {
    List<HeaderField> entries = new ArrayList<>();
    for (int index = 1; index <= table.length(); index++) {
      entries.add(table.get(index));
    }
    return entries;
  }
}
