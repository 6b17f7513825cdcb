package io.gust.http;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.github.luben.zstd.util.Native;

/**
 * Finds out whether the optional libraries behind the {@code br} and {@code zstd} content
 * codings are present and their native code loads. Each probe runs once, on the first question
 * about its coding, and is the first thing that touches the library's classes; a JVM that never
 * asks never loads them. Thread-safe.
 */
public final class OptionalCodings {
  /** The Maven artifact that brings brotli decoding, with the native one it needs. */
  public static final String BROTLI_ARTIFACT = "com.aayushatharva.brotli4j:brotli4j"
      + " (with com.aayushatharva.brotli4j:native-<os>-<arch> for this platform)";
  /** The Maven artifact that brings zstd decoding. */
  public static final String ZSTD_ARTIFACT = "com.github.luben:zstd-jni";

  private OptionalCodings() {}

  /** Whether {@code coding} (a Content-Encoding token) can be decoded in this JVM. */
  public static boolean isAvailable(String coding) {
    switch (coding) {
      case "gzip":
      case "deflate":
        return true;
      case "br":
        return BrotliProbe.CAUSE == null;
      case "zstd":
        return ZstdProbe.CAUSE == null;
      default:
        return false;
    }
  }

  /**
   * Throws {@link IllegalStateException} naming the artifact to add when {@code coding} cannot
   * be decoded here, with the library's own failure as the cause.
   */
  public static void requireAvailable(String coding) {
    if (isAvailable(coding)) {
      return;
    }
    switch (coding) {
      case "br":
        throw new IllegalStateException("decoding br needs " + BROTLI_ARTIFACT
            + " on the class or module path", BrotliProbe.CAUSE);
      case "zstd":
        throw new IllegalStateException("decoding zstd needs " + ZSTD_ARTIFACT
            + " on the class or module path", ZstdProbe.CAUSE);
      default:
        throw new IllegalArgumentException("Gust does not decode the content coding " + coding);
    }
  }

  /** Holds why brotli4j cannot be used, or null; computed when first read. */
  private static final class BrotliProbe {
    static final Throwable CAUSE = probe();

    private static Throwable probe() {
      try {
        return Brotli4jLoader.isAvailable() ? null : Brotli4jLoader.getUnavailabilityCause();
      } catch (LinkageError e) {
        return e;
      }
    }
  }

  /** Holds why zstd-jni cannot be used, or null; computed when first read. */
  private static final class ZstdProbe {
    static final Throwable CAUSE = probe();

    private static Throwable probe() {
      try {
        Native.load();
        return null;
      } catch (LinkageError e) {
        return e;
      }
    }
  }
}
