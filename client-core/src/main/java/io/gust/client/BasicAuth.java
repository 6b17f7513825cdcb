package io.gust.client;

import java.text.Normalizer;
import okio.ByteString;

/**
 * Encodes credentials for HTTP Basic authentication (RFC 7617): the user name and password
 * NFC-normalised, as the UTF-8 charset the RFC defines asks, joined by ":" and base64-encoded.
 * Stateless and thread-safe.
 */
final class BasicAuth {
  private BasicAuth() {}

  /**
   * Returns the field value {@code Basic <base64>} for {@code Authorization} or {@code
   * Proxy-Authorization}; throws IllegalArgumentException for a user name holding ':'.
   */
  public static String encode(String user, String password) {
    if (user.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a Basic user name must not contain ':'");
    }
    String credentials = Normalizer.normalize(user, Normalizer.Form.NFC) + ":"
        + Normalizer.normalize(password, Normalizer.Form.NFC);
    return "Basic " + ByteString.encodeUtf8(credentials).base64();
  }
}
