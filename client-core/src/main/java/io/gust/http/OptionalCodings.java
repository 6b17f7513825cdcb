package io.gust.http;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.github.luben.zstd.util.Native;
import java.util.function.Supplier;

/**
 * Finds out whether the optional libraries behind the {@code br} and {@code zstd} content
 * codings are present and their native code loads. Each probe runs once, on the first question
 * about its coding, and is the first thing that touches the library's classes; a JVM that never
 * asks never loads them. Thread-safe: a probe may block while a native library loads, so ask
 * off the loop (a client asks when it is built).
 */
public final class OptionalCodings {
  /** The Maven artifact that brings brotli decoding, with the native one it needs. */
  public static final String BROTLI_ARTIFACT = "com.aayushatharva.brotli4j:brotli4j"
      + " (with com.aayushatharva.brotli4j:native-<os>-<arch> for this platform)";
  /** The Maven artifact that brings zstd decoding. */
  public static final String ZSTD_ARTIFACT = "com.github.luben:zstd-jni";

  private static final Probe BROTLI = new Probe(OptionalCodings::probeBrotli);
  private static final Probe ZSTD = new Probe(OptionalCodings::probeZstd);

  private OptionalCodings() {}

  /** Whether {@code coding} (a Content-Encoding token) can be decoded in this JVM. */
  public static boolean isAvailable(String coding) {
    switch (coding) {
      case "gzip":
      case "deflate":
        return true;
      case "br":
        return BROTLI.cause() == null;
      case "zstd":
        return ZSTD.cause() == null;
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
            + " on the class or module path", BROTLI.cause());
      case "zstd":
        throw new IllegalStateException("decoding zstd needs " + ZSTD_ARTIFACT
            + " on the class or module path", ZSTD.cause());
      default:
        throw new IllegalArgumentException("Gust does not decode the content coding " + coding);
    }
  }

  private static Throwable probeBrotli() {
    try {
      return Brotli4jLoader.isAvailable() ? null : Brotli4jLoader.getUnavailabilityCause();
    } catch (LinkageError e) {
      return e;
    }
  }

  private static Throwable probeZstd() {
    try {
      Native.load();
      return null;
    } catch (LinkageError e) {
      return e;
    }
  }

  /**
   * Runs a library probe on first use (not when this class is initialised, so that preloading
   * Gust's classes loads no optional library) and keeps its answer.
   */
  private static final class Probe {
    private final Supplier<Throwable> probe;
    /** Why the library cannot be used, or null; valid once {@link #done}. Guarded by this. */
    private Throwable cause;
    private boolean done;

    Probe(Supplier<Throwable> probe) {
      this.probe = probe;
    }

    synchronized Throwable cause() {
      if (!done) {
        cause = probe.get();
        done = true;
      }
      return cause;
    }
  }
}
