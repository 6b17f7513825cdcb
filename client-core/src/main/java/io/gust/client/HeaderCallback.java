package io.gust.client;

/**
 * Receives a response head as soon as it is parsed, before the body. Runs on the loop thread
 * unless the client was given a callback executor; it must not block. Interim (1xx) responses
 * are not reported.
 */
@FunctionalInterface
public interface HeaderCallback {
  /** Receives the response without its body: {@code head.body()} is empty. */
  void onHeaders(HttpResponse head);
}
