package io.gust.http2;

import java.util.List;

/**
 * Checks decoded fields against HTTP/2's message rules (RFC 9113 §8.2 and §8.3): lower-case
 * names of legal characters, values without NUL, CR, LF or surrounding whitespace, no
 * connection-specific fields, and pseudo-header fields that are known, first, unique and suited
 * to the message. A message that breaks them is malformed: a stream error (PROTOCOL_ERROR) that
 * leaves the connection and its compression state intact. These checks run after HPACK decoding,
 * never during it, so that a rejected block still updates the table.
 */
public final class FieldValidation {
  private FieldValidation() {}

  /** Checks a request head: :method, and unless it is CONNECT, :scheme and a non-empty :path. */
  public static void checkRequest(int streamId, List<HeaderField> fields) throws Http2Exception {
    String method = null;
    String scheme = null;
    String path = null;
    String authority = null;
    String host = null;
    for (int i = 0, n = checkFields(streamId, fields); i < n; i++) {
      HeaderField field = fields.get(i);
      switch (field.name()) {
        case ":method" -> method = once(streamId, field, method);
        case ":scheme" -> scheme = once(streamId, field, scheme);
        case ":path" -> path = once(streamId, field, path);
        case ":authority" -> authority = once(streamId, field, authority);
        default -> throw malformed(streamId, "pseudo-header " + field.name() + " in a request");
      }
    }
    for (HeaderField field : fields) {
      if (field.name().equals("host")) {
        host = once(streamId, field, host);
      }
    }
    if (method == null) {
      throw malformed(streamId, "request without :method");
    }
    if (method.equals("CONNECT")) {
      if (scheme != null || path != null || authority == null) {
        throw malformed(streamId, "CONNECT needs :authority and neither :scheme nor :path");
      }
    } else if (scheme == null || path == null || path.isEmpty()) {
      throw malformed(streamId, "request without :scheme or a non-empty :path");
    }
    if (authority != null && host != null && !authority.equalsIgnoreCase(host)) {
      throw malformed(streamId, "host differs from :authority");
    }
  }

  /** Checks a response head: exactly one three-digit :status, not 101 (RFC 9113 §8.6). */
  public static void checkResponse(int streamId, List<HeaderField> fields) throws Http2Exception {
    String status = null;
    for (int i = 0, n = checkFields(streamId, fields); i < n; i++) {
      HeaderField field = fields.get(i);
      if (!field.name().equals(":status")) {
        throw malformed(streamId, "pseudo-header " + field.name() + " in a response");
      }
      status = once(streamId, field, status);
    }
    if (status == null || status.length() != 3 || !isDigits(status) || status.equals("101")) {
      throw malformed(streamId, status == null ? "response without :status"
          : "a :status of " + status + " in HTTP/2");
    }
  }

  /** Checks trailers: no pseudo-header fields at all. */
  public static void checkTrailers(int streamId, List<HeaderField> fields) throws Http2Exception {
    if (checkFields(streamId, fields) > 0) {
      throw malformed(streamId, "pseudo-header " + fields.get(0).name() + " in trailers");
    }
  }

  /**
   * Checks every field's name and value and that pseudo-headers come first; returns how many
   * pseudo-headers lead the list.
   */
  private static int checkFields(int streamId, List<HeaderField> fields) throws Http2Exception {
    int pseudo = 0;
    for (int i = 0, n = fields.size(); i < n; i++) {
      HeaderField field = fields.get(i);
      checkName(streamId, field.name());
      checkValue(streamId, field);
      if (field.isPseudo()) {
        if (pseudo != i) {
          throw malformed(streamId, "pseudo-header " + field.name() + " after a regular field");
        }
        pseudo++;
      } else if (isConnectionSpecific(field)) {
        throw malformed(streamId, "connection-specific field " + field.name());
      }
    }
    return pseudo;
  }

  private static void checkName(int streamId, String name) throws Http2Exception {
    if (name.isEmpty() || name.equals(":")) {
      throw malformed(streamId, "empty field name");
    }
    for (int i = 0, n = name.length(); i < n; i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c >= 'A' && c <= 'Z' || c == ':' && i > 0) {
        throw malformed(streamId, "field name with char 0x" + Integer.toHexString(c));
      }
    }
  }

  private static void checkValue(int streamId, HeaderField field) throws Http2Exception {
    String value = field.value();
    int n = value.length();
    if (n > 0 && (isBlank(value.charAt(0)) || isBlank(value.charAt(n - 1)))) {
      throw malformed(streamId, "value of " + field.name() + " starts or ends with whitespace");
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == 0 || c == '\r' || c == '\n') {
        throw malformed(streamId, "value of " + field.name() + " holds NUL, CR or LF");
      }
    }
  }

  private static boolean isConnectionSpecific(HeaderField field) {
    switch (field.name()) {
      case "connection":
      case "proxy-connection":
      case "keep-alive":
      case "transfer-encoding":
      case "upgrade":
        return true;
      case "te":
        return !field.value().equals("trailers");
      default:
        return false;
    }
  }

  private static String once(int streamId, HeaderField field, String previous)
      throws Http2Exception {
    if (previous != null) {
      throw malformed(streamId, "repeated " + field.name());
    }
    return field.value();
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static Http2Exception malformed(int streamId, String message) {
    return Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, "malformed message: " + message);
  }
}
