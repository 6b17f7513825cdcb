package io.gust.samples;

import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.client.Interceptor;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * An example application interceptor that sends {@code Authorization: Bearer TOKEN} and, when the
 * server answers 401, fetches a new token asynchronously and retries the request once with it.
 * Calls that meet a 401 at the same time share one refresh; a failed token fetch fails those calls
 * and the next call tries again.
 *
 * <p>The token source must not block, and should not use a client that runs this interceptor
 * (its own fetch would go through it).
 */
public final class TokenRefreshInterceptor implements Interceptor {
  private final Supplier<? extends CompletionStage<String>> tokens;
  /** The token in use, or the fetch of the next one; null before the first. */
  private final AtomicReference<CompletableFuture<String>> current = new AtomicReference<>();

  /** Gets tokens from {@code tokens}, called once at first use and again after each 401. */
  public TokenRefreshInterceptor(Supplier<? extends CompletionStage<String>> tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public CompletionStage<HttpResponse> intercept(Chain chain) {
    CompletableFuture<String> used = current.get();
    CompletableFuture<String> token = used != null ? used : replace(null);
    return token.thenCompose(value -> chain.proceed(withToken(chain.request(), value)))
        .thenCompose(response -> response.code() != 401
            ? CompletableFuture.completedFuture(response)
            : replace(token).thenCompose(fresh -> chain.proceed(withToken(chain.request(), fresh))));
  }

  /** Starts fetching a token in place of {@code stale}, unless another call already did. */
  private CompletableFuture<String> replace(CompletableFuture<String> stale) {
    CompletableFuture<String> fresh = new CompletableFuture<>();
    if (!current.compareAndSet(stale, fresh)) {
      CompletableFuture<String> other = current.get();
      return other != null ? other : replace(null);
    }
    tokens.get().whenComplete((value, error) -> {
      if (error != null) {
        current.compareAndSet(fresh, null);
        fresh.completeExceptionally(error);
      } else {
        fresh.complete(value);
      }
    });
    return fresh;
  }

  private static HttpRequest withToken(HttpRequest request, String token) {
    return request.newBuilder().setHeader("Authorization", "Bearer " + token).build();
  }
}
