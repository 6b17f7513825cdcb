package io.gust.samples;

import io.gust.client.HttpClientException;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.client.Interceptor;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An example interceptor that logs each request and how it ended: method, URI without query or
 * credentials, then status or failure and the time taken. Added with {@code addInterceptor} it
 * logs calls; with {@code addNetworkInterceptor}, every redirect hop and retry.
 *
 * <p>It only observes: it neither blocks nor changes the request or the response.
 */
public final class LoggingInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(LoggingInterceptor.class);

  private final Consumer<String> lines;

  /** Logs through slf4j at INFO. */
  public LoggingInterceptor() {
    this(log::info);
  }

  /** Hands each line to {@code lines}, which must not block (it runs on the loop). */
  public LoggingInterceptor(Consumer<String> lines) {
    this.lines = lines;
  }

  @Override
  public CompletionStage<HttpResponse> intercept(Chain chain) {
    HttpRequest request = chain.request();
    String target = request.method() + " " + HttpClientException.safeUri(request.uri());
    long startNanos = System.nanoTime();
    lines.accept("--> " + target);
    return chain.proceed(request).whenComplete((response, error) -> {
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      lines.accept(error == null
          ? "<-- " + response.code() + " " + target + " (" + millis + " ms)"
          : "<-- failed " + target + " (" + millis + " ms): " + error.getMessage());
    });
  }
}
