package io.gust.samples;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.Dsl;
import org.asynchttpclient.Request;
import org.asynchttpclient.Response;

/**
 * AsyncHttpClient 3 on Netty (its JDK TLS engine), connections per host sized to the connections
 * in flight.
 */
final class PeerAhc implements LoadClient {
  private final AsyncHttpClient client;
  private final Request request;

  PeerAhc(LoadSettings settings) {
    int connections = settings.connections();
    boolean insecure = settings.trust().insecure();
    client = Dsl.asyncHttpClient(Dsl.config().setMaxConnections(connections)
        .setMaxConnectionsPerHost(connections).setFollowRedirect(false).setMaxRequestRetry(0)
        .setKeepAlive(true).setSslContext(sslContext(settings.trust()))
        .setDisableHttpsEndpointIdentificationAlgorithm(insecure));
    org.asynchttpclient.RequestBuilder request = Dsl.get(settings.url().toString());
    if (settings.newConnections()) {
      request.setHeader(LoadSettings.CLOSE_NAME, LoadSettings.CLOSE_VALUE);
    }
    this.request = request.build();
  }

  private static SslContext sslContext(TlsSettings.Trust trust) {
    try {
      return SslContextBuilder.forClient().trustManager(trust.manager())
          .endpointIdentificationAlgorithm(trust.insecure() ? null : "HTTPS").build();
    } catch (SSLException e) {
      throw new IllegalStateException("ahc: no TLS context", e);
    }
  }

  @Override
  public CompletableFuture<Integer> get() {
    return client.executeRequest(request).toCompletableFuture().thenApply(PeerAhc::status);
  }

  private static int status(Response response) {
    response.getResponseBodyAsBytes();
    return response.getStatusCode();
  }

  @Override
  public String description() {
    return "ahc: AsyncHttpClient " + LoadClient.mavenVersion("org.asynchttpclient", "async-http-client")
        + " (Netty), executeRequest, max connections per host = connections";
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("ahc did not close", e);
    }
  }
}
