package io.gust.client;

import java.time.Duration;

/** The per-request options of {@link HttpRequest}; null means "the client's default". */
final class RequestOptions {
  Duration connectTimeout;
  Duration requestTimeout;
  Duration readTimeout;
  AddressFamily addressFamily;
  Boolean followRedirects;
  Integer maxRedirects;
  Boolean decompress;
  Boolean raiseError;
  Boolean expectContinue;
  HeaderCallback headerCallback;
  BodyChunkCallback bodyCallback;
  ProgressListener progressListener;
  Authenticator authenticator;
  Proxy proxy;
  /** The HTTP versions this request's connection may speak; null for the client's. */
  HttpVersions versions;

  RequestOptions copy() {
    RequestOptions copy = new RequestOptions();
    copy.connectTimeout = connectTimeout;
    copy.requestTimeout = requestTimeout;
    copy.readTimeout = readTimeout;
    copy.addressFamily = addressFamily;
    copy.followRedirects = followRedirects;
    copy.maxRedirects = maxRedirects;
    copy.decompress = decompress;
    copy.raiseError = raiseError;
    copy.expectContinue = expectContinue;
    copy.headerCallback = headerCallback;
    copy.bodyCallback = bodyCallback;
    copy.progressListener = progressListener;
    copy.authenticator = authenticator;
    copy.proxy = proxy;
    copy.versions = versions;
    return copy;
  }
}
