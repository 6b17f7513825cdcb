package io.gust.client;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One link of a list of interceptors: {@link #proceed} hands the request to the interceptor at
 * {@link #index}, or past the last one to the terminal step (a fetch, or a network attempt). An
 * interceptor that throws or returns null yields a failed stage rather than an exception.
 */
final class InterceptorChain implements Interceptor.Chain {
  private final List<Interceptor> interceptors;
  private final int index;
  private final HttpRequest request;
  private final Function<HttpRequest, CompletionStage<HttpResponse>> terminal;

  private InterceptorChain(List<Interceptor> interceptors, int index, HttpRequest request,
      Function<HttpRequest, CompletionStage<HttpResponse>> terminal) {
    this.interceptors = interceptors;
    this.index = index;
    this.request = request;
    this.terminal = terminal;
  }

  /** Runs {@code request} through every interceptor, then {@code terminal}. */
  static CompletionStage<HttpResponse> run(List<Interceptor> interceptors, HttpRequest request,
      Function<HttpRequest, CompletionStage<HttpResponse>> terminal) {
    return new InterceptorChain(interceptors, 0, request, terminal).proceed(request);
  }

  @Override
  public HttpRequest request() {
    return request;
  }

  @Override
  public CompletionStage<HttpResponse> proceed(HttpRequest next) {
    Objects.requireNonNull(next, "request");
    try {
      CompletionStage<HttpResponse> stage = index == interceptors.size()
          ? terminal.apply(next)
          : interceptors.get(index).intercept(
              new InterceptorChain(interceptors, index + 1, next, terminal));
      return stage != null ? stage : CompletableFuture.failedFuture(
          new NullPointerException("an interceptor returned null, not a stage"));
    } catch (RuntimeException | Error e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
