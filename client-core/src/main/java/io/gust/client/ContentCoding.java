package io.gust.client;

import io.gust.http.OptionalCodings;
import java.util.EnumSet;
import java.util.Set;

/**
 * A response content coding the client can ask for and decode.
 *
 * <p>gzip and deflate are built in. {@link #BR} and {@link #ZSTD} use optional libraries that an
 * application adds itself ({@code com.aayushatharva.brotli4j:brotli4j} with its native artifact,
 * {@code com.github.luben:zstd-jni}); a client that does not ask for them never loads them.
 * Asking for one whose library is missing fails at {@link AsyncHttpClient.Builder#decompress(
 * ContentCoding...)} with a message naming the artifact.
 */
public enum ContentCoding {
  GZIP("gzip"),
  DEFLATE("deflate"),
  /** Brotli (RFC 7932). */
  BR("br"),
  /** Zstandard (RFC 8878). */
  ZSTD("zstd");

  private final String token;

  ContentCoding(String token) {
    this.token = token;
  }

  /** The name in {@code Accept-Encoding} and {@code Content-Encoding}, such as {@code br}. */
  public String token() {
    return token;
  }

  /**
   * Whether this JVM can decode the coding: always for gzip and deflate; for br and zstd when the
   * library is present and its native code loads (the first call for each tries to load it).
   */
  public boolean isAvailable() {
    return OptionalCodings.isAvailable(token);
  }

  /** Every coding {@link #isAvailable() available} here, in declaration order. */
  public static Set<ContentCoding> available() {
    Set<ContentCoding> found = EnumSet.noneOf(ContentCoding.class);
    for (ContentCoding coding : values()) {
      if (coding.isAvailable()) {
        found.add(coding);
      }
    }
    return found;
  }

  /** Throws, naming the artifact to add, when the coding's library is missing. */
  void requireAvailable() {
    OptionalCodings.requireAvailable(token);
  }
}
