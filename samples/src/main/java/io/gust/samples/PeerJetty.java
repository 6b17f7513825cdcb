package io.gust.samples;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;

/** Jetty 12's HttpClient (HTTP/1.1 transport), one destination pool sized to the connections. */
final class PeerJetty implements LoadClient {
  /** Large enough for the 1 MiB workload. */
  private static final int MAX_BODY = 8 << 20;
  private final HttpClient client = new HttpClient();
  private final URI url;

  PeerJetty(URI url, int connections) {
    this.url = url;
    client.setMaxConnectionsPerDestination(connections);
    client.setMaxRequestsQueuedPerDestination(Math.max(1024, connections * 4));
    client.setFollowRedirects(false);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("jetty client did not start", e);
    }
  }

  @Override
  public CompletableFuture<Integer> get() {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    client.newRequest(url).send(new BufferingResponseListener(MAX_BODY) {
      @Override
      public void onComplete(Result outcome) {
        if (outcome.isFailed()) {
          result.completeExceptionally(outcome.getFailure());
        } else {
          getContent();
          result.complete(outcome.getResponse().getStatus());
        }
      }
    });
    return result;
  }

  @Override
  public String description() {
    return "jetty: Jetty " + LoadClient.mavenVersion("org.eclipse.jetty", "jetty-client")
        + " HttpClient, BufferingResponseListener, maxConnectionsPerDestination = connections";
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      throw new IllegalStateException("jetty client did not stop", e);
    }
  }
}
