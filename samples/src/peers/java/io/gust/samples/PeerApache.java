package io.gust.samples;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;

/** Apache HttpClient 5 async (classic I/O reactor, HTTP/1.1), its pool sized to the connections. */
final class PeerApache implements LoadClient {
  private final CloseableHttpAsyncClient client;
  private final URI url;
  private final boolean close;

  PeerApache(LoadSettings settings) {
    this.url = settings.url();
    this.close = settings.newConnections();
    int connections = settings.connections();
    PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
        .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
        .setTlsStrategy(tlsStrategy(settings.trust()))
        .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
            .build()).build();
    client = HttpAsyncClients.custom().setConnectionManager(pool).disableRedirectHandling()
        .disableAutomaticRetries().build();
    client.start();
  }

  private static TlsStrategy tlsStrategy(TlsSettings.Trust trust) {
    ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create().setSslContext(trust.context());
    if (trust.insecure()) {
      tls.setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
          .setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
    }
    return tls.buildAsync();
  }

  @Override
  public CompletableFuture<Integer> get() {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    SimpleRequestBuilder builder = SimpleRequestBuilder.get(url);
    if (close) {
      builder.setHeader(LoadSettings.CLOSE_NAME, LoadSettings.CLOSE_VALUE);
    }
    SimpleHttpRequest request = builder.build();
    client.execute(request, new FutureCallback<SimpleHttpResponse>() {
      @Override
      public void completed(SimpleHttpResponse response) {
        response.getBodyBytes();
        result.complete(response.getCode());
      }

      @Override
      public void failed(Exception e) {
        result.completeExceptionally(e);
      }

      @Override
      public void cancelled() {
        result.cancel(false);
      }
    });
    return result;
  }

  @Override
  public String description() {
    return "apache: HttpClient async " + LoadClient.mavenVersion(
        "org.apache.httpcomponents.client5", "httpclient5") + ", SimpleHttpRequest, pool sized to connections";
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }
}
