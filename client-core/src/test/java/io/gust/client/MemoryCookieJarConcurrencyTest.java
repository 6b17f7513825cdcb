package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The jar shared by several loop threads at once keeps its limits and its count. */
@Timeout(60)
class MemoryCookieJarConcurrencyTest {
  @Test
  void threadsSavingAndReadingAtOnceKeepTheLimits() throws Exception {
    MemoryCookieJar jar = MemoryCookieJar.builder().maxCookies(100).maxCookiesPerDomain(10)
        .build();
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 3000; i++) {
            URI uri = URI.create("http://h" + (i % 23) + ".example.com/p" + (i % 3));
            jar.save(uri, List.of("c" + thread + "_" + (i % 17) + "=" + i,
                "shared=" + i + "; Domain=example.com"));
            jar.cookiesFor(uri);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
    List<Cookie> cookies = jar.cookies();
    assertEquals(cookies.size(), jar.size(), "the count matches the cookies held");
    assertTrue(cookies.size() <= 100, "at most 100 cookies: " + cookies.size());
    Map<String, Integer> perDomain = new HashMap<>();
    cookies.forEach(cookie -> perDomain.merge(cookie.domain(), 1, Integer::sum));
    perDomain.values().forEach(count -> assertTrue(count <= 10, perDomain.toString()));
  }
}
