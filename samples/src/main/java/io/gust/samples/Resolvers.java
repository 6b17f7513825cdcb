package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.BlockingResolver;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.client.Resolver;
import io.gust.resolver.CachingResolver;
import io.gust.resolver.OverrideResolver;
import io.gust.resolver.ThreadedResolver;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The same fetch through each resolver, with the time the DNS phase took ({@code
 * timings().dns()}): the blocking default (on the loop thread), a thread pool, a cache in front
 * of it (the second lookup is free), and curl-style overrides that need no lookup at all.
 * {@code DnsResolver}, Gust's own stub resolver, is left out because it asks the name servers of
 * /etc/resolv.conf, and this example must run without a network.
 *
 * <p>Run: {@code java -jar gust-samples.jar example Resolvers [BASE_URL]}; the companion server's
 * URL is fetched as {@code localhost}, so that there is a name to resolve.
 */
public final class Resolvers {
  private Resolvers() {}

  public static void main(String[] args) throws Exception {
    try (Companion server = Companion.from(args)) {
      URI url = URI.create(server.url("/get").replace("127.0.0.1", "localhost"));
      Map<String, Supplier<Resolver>> resolvers = new LinkedHashMap<>();
      resolvers.put("BlockingResolver", BlockingResolver::new);
      resolvers.put("ThreadedResolver(2)", () -> new ThreadedResolver(2));
      resolvers.put("CachingResolver", () -> new CachingResolver(new ThreadedResolver(1)));
      resolvers.put("OverrideResolver", () -> OverrideResolver.builder()
          .curlResolve(url.getHost() + ":" + url.getPort() + ":127.0.0.1")
          .build(new BlockingResolver()));
      for (Map.Entry<String, Supplier<Resolver>> entry : resolvers.entrySet()) {
        try (Resolver resolver = entry.getValue().get();
            AsyncHttpClient client = AsyncHttpClient.builder().resolver(resolver).build()) {
          // The first connection closes, so that the second fetch resolves the name again.
          HttpResponse first = client.fetch(HttpRequest.newBuilder(url.toString())
              .header("Connection", "close").build()).join();
          HttpResponse second = client.fetch(url.toString()).join();
          System.out.printf("%-20s dns %7.3f ms, then %7.3f ms%n", entry.getKey(),
              first.timings().dns().toNanos() / 1e6, second.timings().dns().toNanos() / 1e6);
        }
      }
    }
  }
}
