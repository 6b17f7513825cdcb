package io.gust.client;

import java.util.concurrent.CompletionStage;

/**
 * Observes, rewrites, answers or repeats the requests a client sends, without blocking: it returns
 * a stage of the response. Register one with {@link AsyncHttpClient.Builder#addInterceptor} to
 * run once per call, around redirects and retries, seeing the caller's request (with the client's
 * default headers) and the final response; or with {@link
 * AsyncHttpClient.Builder#addNetworkInterceptor} to run once per network attempt, that is for each
 * redirect hop and each retry, seeing the request as sent and the response as received (a
 * redirect's body already dropped). Interceptors run in the order they were added.
 *
 * <p>An interceptor runs on the loop thread that carries the call and must not block: it starts
 * slow work elsewhere and returns a stage that completes later. An exception it throws, or a stage
 * that fails with anything other than an {@link HttpClientException}, fails the call with an
 * {@link HttpClientException} that keeps it as the cause.
 */
@FunctionalInterface
public interface Interceptor {
  /** Handles {@code chain}'s request, usually by calling {@link Chain#proceed} once or more. */
  CompletionStage<HttpResponse> intercept(Chain chain);

  /** The request an interceptor was given and the way on to the next interceptor or the server. */
  interface Chain {
    /** Returns the request to handle. */
    HttpRequest request();

    /**
     * Passes {@code request} on to the next interceptor, or sends it; any thread may call it, and
     * an application interceptor may call it again after the first stage completed (to retry).
     * The stage completes on the loop thread. A network interceptor gets one attempt at a time:
     * a second call while one is in flight fails with IllegalStateException.
     */
    CompletionStage<HttpResponse> proceed(HttpRequest request);
  }
}
