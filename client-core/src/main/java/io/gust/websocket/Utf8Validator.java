package io.gust.websocket;

import okio.Buffer;

/**
 * Validates UTF-8 incrementally, across frames and buffer segments, and stops at the first byte
 * that cannot begin or continue a well-formed sequence (RFC 3629: no overlong forms, surrogates
 * or code points past U+10FFFF). The state is one int: the continuation bytes still expected and
 * the range the next one must fall in.
 */
final class Utf8Validator {
  /** The state between complete sequences. */
  static final int COMPLETE = 0;

  /** The state after a bad byte; it stays there. */
  static final int INVALID = -1;

  private int state = COMPLETE;

  /** Checks {@code byteCount} bytes of {@code buffer} from {@code offset}; throws 1007 at a bad byte. */
  void update(Buffer buffer, long offset, long byteCount) throws WebSocketProtocolException {
    state = Segments.forEach(buffer, offset, byteCount, false, state, Utf8Validator::scan);
    if (state == INVALID) {
      throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "text is not valid UTF-8");
    }
  }

  /** Throws 1007 when the text so far ends inside a sequence; then starts over. */
  void finish() throws WebSocketProtocolException {
    int last = state;
    state = COMPLETE;
    if (last != COMPLETE) {
      throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "text ends inside a UTF-8 sequence");
    }
  }

  /** Returns true when {@code bytes} is complete, valid UTF-8. */
  static boolean isValid(Buffer bytes) {
    return Segments.forEach(bytes, 0, bytes.size(), false, COMPLETE, Utf8Validator::scan) == COMPLETE;
  }

  /**
   * Scans {@code data[start..end)} from {@code state}. A state packs the continuation bytes still
   * expected (bits 16+) with the lowest (bits 8-15) and highest (bits 0-7) value the next may take.
   */
  static int scan(byte[] data, int start, int end, int state) {
    for (int i = start; i < end; i++) {
      int b = data[i] & 0xff;
      if (state == COMPLETE) {
        if (b < 0x80) {
          continue;
        }
        state = lead(b);
        if (state == INVALID) {
          return INVALID;
        }
      } else {
        if (b < (state >>> 8 & 0xff) || b > (state & 0xff)) {
          return INVALID;
        }
        int remaining = (state >>> 16) - 1;
        state = remaining == 0 ? COMPLETE : remaining << 16 | 0x80 << 8 | 0xbf;
      }
    }
    return state;
  }

  /** Returns the state after lead byte {@code b} (0x80 or more), or INVALID. */
  private static int lead(int b) {
    if (b >= 0xc2 && b <= 0xdf) {
      return 1 << 16 | 0x80 << 8 | 0xbf;
    }
    if (b >= 0xe0 && b <= 0xef) {
      int low = b == 0xe0 ? 0xa0 : 0x80;
      int high = b == 0xed ? 0x9f : 0xbf;
      return 2 << 16 | low << 8 | high;
    }
    if (b >= 0xf0 && b <= 0xf4) {
      int low = b == 0xf0 ? 0x90 : 0x80;
      int high = b == 0xf4 ? 0x8f : 0xbf;
      return 3 << 16 | low << 8 | high;
    }
    return INVALID;
  }
}
