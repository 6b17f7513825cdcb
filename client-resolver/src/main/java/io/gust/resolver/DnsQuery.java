package io.gust.resolver;

import java.nio.charset.StandardCharsets;

/**
 * Encodes DNS queries (RFC 1035 section 4.1): one question, recursion desired, and an EDNS(0) OPT
 * record (RFC 6891) offering a {@value #UDP_PAYLOAD_SIZE}-byte UDP payload so that typical answers
 * fit without falling back to TCP. Pure: no sockets, no state.
 */
final class DnsQuery {
  static final int TYPE_A = 1;
  static final int TYPE_CNAME = 5;
  static final int TYPE_AAAA = 28;
  static final int TYPE_OPT = 41;
  static final int CLASS_IN = 1;
  /** The largest UDP answer we ask for; the DNS flag day 2020 figure that avoids fragmentation. */
  static final int UDP_PAYLOAD_SIZE = 1232;
  static final int MAX_NAME_LENGTH = 255;
  static final int MAX_LABEL_LENGTH = 63;

  private static final int HEADER_LENGTH = 12;
  private static final int FLAG_RD = 0x0100;
  private static final int OPT_RECORD_LENGTH = 11;

  private DnsQuery() {}

  /**
   * The query for {@code name} (absolute, with or without its trailing dot) and record type
   * {@code type} under message id {@code id}.
   *
   * @throws IllegalArgumentException when {@code name} is not a valid DNS name
   */
  static byte[] encode(int id, String name, int type) {
    byte[] encodedName = encodeName(name);
    if (encodedName == null) {
      throw new IllegalArgumentException("not a valid DNS name: " + name);
    }
    byte[] message = new byte[HEADER_LENGTH + encodedName.length + 4 + OPT_RECORD_LENGTH];
    int p = putShort(message, 0, id);
    p = putShort(message, p, FLAG_RD);
    p = putShort(message, p, 1);
    p = putShort(message, p, 0);
    p = putShort(message, p, 0);
    p = putShort(message, p, 1);
    System.arraycopy(encodedName, 0, message, p, encodedName.length);
    p += encodedName.length;
    p = putShort(message, p, type);
    p = putShort(message, p, CLASS_IN);
    message[p++] = 0;
    p = putShort(message, p, TYPE_OPT);
    p = putShort(message, p, UDP_PAYLOAD_SIZE);
    // Extended rcode, version, flags and the data length: all zero.
    return message;
  }

  /** True when {@code name} can be asked: ASCII labels of 1 to 63 bytes, 255 bytes in all. */
  static boolean isValidName(String name) {
    return encodeName(name) != null;
  }

  /** The wire form of {@code name} (length-prefixed labels, then a zero byte), or null. */
  private static byte[] encodeName(String name) {
    String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (bare.isEmpty() || bare.length() + 2 > MAX_NAME_LENGTH) {
      return null;
    }
    byte[] ascii = bare.getBytes(StandardCharsets.US_ASCII);
    byte[] wire = new byte[ascii.length + 2];
    int labelStart = 0;
    for (int i = 0; i <= ascii.length; i++) {
      if (i < ascii.length && !isNameCharacter(bare.charAt(i))) {
        return null;
      }
      if (i == ascii.length || ascii[i] == '.') {
        int labelLength = i - labelStart;
        if (labelLength == 0 || labelLength > MAX_LABEL_LENGTH) {
          return null;
        }
        wire[labelStart] = (byte) labelLength;
        System.arraycopy(ascii, labelStart, wire, labelStart + 1, labelLength);
        labelStart = i + 1;
      }
    }
    return wire;
  }

  /** Printable ASCII except the backslash, which zone-file escapes would make ambiguous. */
  private static boolean isNameCharacter(char c) {
    return c > 0x20 && c < 0x7f && c != '\\';
  }

  private static int putShort(byte[] message, int offset, int value) {
    message[offset] = (byte) (value >>> 8);
    message[offset + 1] = (byte) value;
    return offset + 2;
  }
}
