package io.gust.client;

import okio.ByteString;

/** Encodes credentials for {@code Authorization: Basic} (RFC 7617), as UTF-8. */
final class BasicAuth {
  private BasicAuth() {}

  static String encode(String user, String password) {
    if (user.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a Basic user name must not contain ':'");
    }
    return "Basic " + ByteString.encodeUtf8(user + ":" + password).base64();
  }
}
