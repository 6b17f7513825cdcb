package io.gust.client;


/**
 * Hears how a callback-style {@link AsyncHttpClient#fetch(HttpRequest, FetchCallback) fetch}
 * ended: exactly one of the two methods is called, once.
 *
 * <p>Both run on the loop thread unless the client was given a callback executor, so they must
 * not block. An exception thrown from either is logged at WARN and otherwise ignored.
 */
public interface FetchCallback {
  /** The whole response arrived (any status, unless {@code raiseError} was asked). */
  void onResponse(HttpResponse response);

  /**
   * The fetch failed or was cancelled; {@code error} says in which phase. A cancellation, by the
   * handle or by closing the client, is a {@link io.gust.client.RequestCancelledException} (the
   * same a future-style fetch carries as its CancellationException's cause); a request timeout
   * is a {@link io.gust.client.FetchTimeoutException}. {@code request} is the request passed to
   * fetch.
   */
  void onFailure(HttpRequest request, HttpClientException error);
}
