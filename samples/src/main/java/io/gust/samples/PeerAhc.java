package io.gust.samples;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.Dsl;
import org.asynchttpclient.Request;
import org.asynchttpclient.Response;

/** AsyncHttpClient 3 on Netty, connections per host sized to the connections in flight. */
final class PeerAhc implements LoadClient {
  private final AsyncHttpClient client;
  private final Request request;

  PeerAhc(URI url, int connections) {
    client = Dsl.asyncHttpClient(Dsl.config().setMaxConnections(connections)
        .setMaxConnectionsPerHost(connections).setFollowRedirect(false).setMaxRequestRetry(0)
        .setKeepAlive(true));
    request = Dsl.get(url.toString()).build();
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
