package io.gust.http2;

import java.util.Objects;

/**
 * One decoded or to-be-encoded HTTP/2 field: a lower-case name (pseudo-header names start with
 * {@code :}) and a value. Names and values hold one octet per char (ISO-8859-1), as HPACK carries
 * octets.
 */
public record HeaderField(String name, String value) {
  /** The per-entry overhead RFC 7541 §4.1 adds to the octets of name and value. */
  static final int ENTRY_OVERHEAD = 32;

  public HeaderField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /** Returns the RFC 7541 §4.1 size: octets of name and value plus 32. */
  public int hpackSize() {
    return name.length() + value.length() + ENTRY_OVERHEAD;
  }

  /** Returns true for a pseudo-header field such as {@code :status}. */
  public boolean isPseudo() {
    return !name.isEmpty() && name.charAt(0) == ':';
  }
}
