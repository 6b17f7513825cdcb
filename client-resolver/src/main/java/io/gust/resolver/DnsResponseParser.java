package io.gust.resolver;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses DNS responses (RFC 1035 section 4) defensively: every read is bounds-checked, and the
 * only failure is {@link DnsFormatException}, for any input.
 *
 * <p>Compression pointers must point strictly before the label sequence that holds them. Each
 * jump therefore lands lower in the message than the last, so a pointer cycle is impossible and
 * a name reads in bounded time; the jump count is capped as well. Labels over 63 bytes, names
 * over 255, reserved label types, records running past the end and section counts that promise
 * more than the packet holds are all rejected. Only the header, the question and the answer
 * section are read; a truncated (TC) response is read up to its question.
 */
final class DnsResponseParser {
  private static final int HEADER_LENGTH = 12;
  private static final int MAX_POINTER_JUMPS = 64;

  private final byte[] message;
  private final int length;
  /** The read position in the message. */
  private int pos;

  private DnsResponseParser(byte[] message, int length) {
    this.message = message;
    this.length = length;
  }

  /** Parses the first {@code length} bytes of {@code message}. */
  static DnsResponse parse(byte[] message, int length) throws DnsFormatException {
    if (length < 0 || length > message.length) {
      throw new DnsFormatException("length " + length + " outside the buffer");
    }
    return new DnsResponseParser(message, length).response();
  }

  private DnsResponse response() throws DnsFormatException {
    if (length < HEADER_LENGTH) {
      throw new DnsFormatException("shorter than a header: " + length + " bytes");
    }
    int id = u16();
    int flags = u16();
    int questionCount = u16();
    int answerCount = u16();
    pos = HEADER_LENGTH;
    if (questionCount != 1) {
      throw new DnsFormatException("question count " + questionCount);
    }
    String questionName = name();
    int questionType = u16();
    int questionClass = u16();
    if ((flags & DnsResponse.FLAG_TC) != 0 || answerCount == 0) {
      return new DnsResponse(id, flags, questionName, questionType, questionClass, List.of(), null);
    }
    List<DnsRecord> records = new ArrayList<>(Math.min(answerCount, 16));
    try {
      for (int i = 0; i < answerCount; i++) {
        DnsRecord record = record();
        if (record != null) {
          records.add(record);
        }
      }
    } catch (DnsFormatException e) {
      // The question parsed, so the caller can tell whether this broken answer was meant for it.
      return new DnsResponse(id, flags, questionName, questionType, questionClass, List.of(),
          e.getMessage());
    }
    return new DnsResponse(id, flags, questionName, questionType, questionClass, records, null);
  }

  /** The next resource record, or null when it is of a type or class the resolver ignores. */
  private DnsRecord record() throws DnsFormatException {
    String name = name();
    int type = u16();
    int recordClass = u16();
    long ttl = u32();
    int dataLength = u16();
    int dataEnd = pos + dataLength;
    if (dataEnd > length) {
      throw new DnsFormatException("record data runs past the end of the message");
    }
    // RFC 2181 section 8: a TTL with the top bit set is treated as zero.
    long ttlSeconds = ttl > Integer.MAX_VALUE ? 0 : ttl;
    DnsRecord record = null;
    if (recordClass == DnsQuery.CLASS_IN) {
      if (type == DnsQuery.TYPE_A || type == DnsQuery.TYPE_AAAA) {
        record = new DnsRecord(name, type, ttlSeconds, address(type, dataLength), null);
      } else if (type == DnsQuery.TYPE_CNAME) {
        String target = name();
        if (pos > dataEnd) {
          throw new DnsFormatException("CNAME target runs past its record");
        }
        record = new DnsRecord(name, type, ttlSeconds, null, target);
      }
    }
    pos = dataEnd;
    return record;
  }

  private byte[] address(int type, int dataLength) throws DnsFormatException {
    int expected = type == DnsQuery.TYPE_A ? 4 : 16;
    if (dataLength != expected) {
      throw new DnsFormatException("address record of " + dataLength + " bytes, not " + expected);
    }
    byte[] address = new byte[expected];
    System.arraycopy(message, pos, address, 0, expected);
    return address;
  }

  /**
   * Reads a possibly compressed name at the read position and leaves the position after its
   * inline part. Lower case, labels joined by dots, dots and unprintable bytes inside a label
   * escaped as in zone files so that no label can pass for two.
   */
  private String name() throws DnsFormatException {
    StringBuilder out = new StringBuilder(32);
    int p = pos;
    int runStart = pos;
    int resume = -1;
    int jumps = 0;
    int wireLength = 1;
    while (true) {
      int b = byteAt(p);
      if (b == 0) {
        p++;
        break;
      }
      int kind = b & 0xc0;
      if (kind == 0xc0) {
        int target = ((b & 0x3f) << 8) | byteAt(p + 1);
        if (target >= runStart) {
          throw new DnsFormatException("compression pointer at " + p + " does not point back");
        }
        if (resume < 0) {
          resume = p + 2;
        }
        if (++jumps > MAX_POINTER_JUMPS) {
          throw new DnsFormatException("too many compression pointers");
        }
        runStart = target;
        p = target;
      } else if (kind == 0) {
        wireLength += b + 1;
        if (wireLength > DnsQuery.MAX_NAME_LENGTH) {
          throw new DnsFormatException("name longer than " + DnsQuery.MAX_NAME_LENGTH + " bytes");
        }
        if (p + 1 + b > length) {
          throw new DnsFormatException("label runs past the end of the message");
        }
        appendLabel(out, p + 1, b);
        p += 1 + b;
      } else {
        throw new DnsFormatException("reserved label type " + (kind >>> 6));
      }
    }
    pos = resume >= 0 ? resume : p;
    return out.toString();
  }

  private void appendLabel(StringBuilder out, int start, int labelLength) {
    if (out.length() > 0) {
      out.append('.');
    }
    for (int i = start; i < start + labelLength; i++) {
      int c = message[i] & 0xff;
      if (c >= 'A' && c <= 'Z') {
        out.append((char) (c + ('a' - 'A')));
      } else if (c == '.' || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c > 0x20 && c < 0x7f) {
        out.append((char) c);
      } else {
        out.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
            .append((char) ('0' + c % 10));
      }
    }
  }

  private int byteAt(int offset) throws DnsFormatException {
    if (offset >= length) {
      throw new DnsFormatException("message ends at " + length + ", needed byte " + offset);
    }
    return message[offset] & 0xff;
  }

  private int u16() throws DnsFormatException {
    int value = (byteAt(pos) << 8) | byteAt(pos + 1);
    pos += 2;
    return value;
  }

  private long u32() throws DnsFormatException {
    long high = u16();
    return (high << 16) | u16();
  }
}
