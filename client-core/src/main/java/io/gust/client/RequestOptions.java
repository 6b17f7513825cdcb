package io.gust.client;

import java.time.Duration;
import java.util.Objects;

/** The per-request options of {@link HttpRequest}; null means "the client's default". */
final class RequestOptions {
  Duration connectTimeout;
  Duration requestTimeout;
  Duration readTimeout;
  Boolean followRedirects;
  Integer maxRedirects;
  Boolean decompress;
  Boolean raiseError;
  Boolean expectContinue;
  HeaderCallback headerCallback;
  BodyChunkCallback bodyCallback;
  ProgressListener progressListener;

  RequestOptions copy() {
    RequestOptions copy = new RequestOptions();
    copy.connectTimeout = connectTimeout;
    copy.requestTimeout = requestTimeout;
    copy.readTimeout = readTimeout;
    copy.followRedirects = followRedirects;
    copy.maxRedirects = maxRedirects;
    copy.decompress = decompress;
    copy.raiseError = raiseError;
    copy.expectContinue = expectContinue;
    copy.headerCallback = headerCallback;
    copy.bodyCallback = bodyCallback;
    copy.progressListener = progressListener;
    return copy;
  }

  static Duration positive(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return timeout;
  }
}
