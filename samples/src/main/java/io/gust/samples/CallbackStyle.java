package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.FetchCallback;
import io.gust.client.HttpClientException;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Callback style: {@code fetch(request, callback)} calls exactly one of {@code onResponse} or
 * {@code onFailure}, on the loop thread, so the callback must not block. Here the main thread
 * waits on a latch the callbacks count down.
 *
 * <p>Run: {@code java -jar gust-samples.jar example CallbackStyle [BASE_URL]}.
 */
public final class CallbackStyle {
  private CallbackStyle() {}

  public static void main(String[] args) throws Exception {
    try (Companion server = Companion.from(args);
        AsyncHttpClient client = AsyncHttpClient.create()) {
      String[] paths = {"/hello", "/status/404", "/delay/200"};
      CountDownLatch done = new CountDownLatch(paths.length);
      for (String path : paths) {
        client.fetch(HttpRequest.get(server.url(path)), new FetchCallback() {
          @Override
          public void onResponse(HttpResponse response) {
            System.out.println(path + " -> " + response.code() + " on "
                + Thread.currentThread().getName());
            done.countDown();
          }

          @Override
          public void onFailure(HttpRequest request, HttpClientException error) {
            System.out.println(path + " failed in " + error.phase() + ": " + error.getMessage());
            done.countDown();
          }
        });
      }
      System.out.println("three fetches started; the callbacks report as they land:");
      done.await(10, TimeUnit.SECONDS);
    }
  }
}
