package io.gust.http2;

/** The frame types and flags of RFC 9113 §6, and the frame header's layout (§4.1). */
final class FrameType {
  static final int DATA = 0x0;
  static final int HEADERS = 0x1;
  static final int PRIORITY = 0x2;
  static final int RST_STREAM = 0x3;
  static final int SETTINGS = 0x4;
  static final int PUSH_PROMISE = 0x5;
  static final int PING = 0x6;
  static final int GOAWAY = 0x7;
  static final int WINDOW_UPDATE = 0x8;
  static final int CONTINUATION = 0x9;

  static final int FLAG_END_STREAM = 0x1;
  static final int FLAG_ACK = 0x1;
  static final int FLAG_END_HEADERS = 0x4;
  static final int FLAG_PADDED = 0x8;
  static final int FLAG_PRIORITY = 0x20;

  /** Octets of the frame header: length (24 bits), type, flags, R bit and stream id (31 bits). */
  static final int HEADER_LENGTH = 9;

  private FrameType() {}

  static String name(int type) {
    switch (type) {
      case DATA: return "DATA";
      case HEADERS: return "HEADERS";
      case PRIORITY: return "PRIORITY";
      case RST_STREAM: return "RST_STREAM";
      case SETTINGS: return "SETTINGS";
      case PUSH_PROMISE: return "PUSH_PROMISE";
      case PING: return "PING";
      case GOAWAY: return "GOAWAY";
      case WINDOW_UPDATE: return "WINDOW_UPDATE";
      case CONTINUATION: return "CONTINUATION";
      default: return "frame type 0x" + Integer.toHexString(type);
    }
  }
}
