package io.gust.samples;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12's HttpClient, one destination pool sized to the connections: the HTTP/1.1 transport,
 * or with {@code --http2} the HTTP/2 one (h2 by ALPN, h2c on http), whose connections multiplex.
 */
final class PeerJetty implements LoadClient {
  /** Large enough for the 1 MiB workload. */
  private static final int MAX_BODY = 8 << 20;
  private final HttpClient client;
  private final URI url;
  private final boolean close;
  private final boolean http2;

  PeerJetty(LoadSettings settings) {
    this.http2 = settings.http2();
    this.client = http2 ? new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()))
        : new HttpClient();
    this.url = settings.url();
    this.close = settings.newConnections();
    int connections = settings.connections();
    SslContextFactory.Client tls = new SslContextFactory.Client();
    tls.setSslContext(settings.trust().context());
    if (settings.trust().insecure()) {
      tls.setEndpointIdentificationAlgorithm(null);
    }
    client.setSslContextFactory(tls);
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
    org.eclipse.jetty.client.Request request = client.newRequest(url);
    if (close) {
      request.headers(fields -> fields.put(LoadSettings.CLOSE_NAME, LoadSettings.CLOSE_VALUE));
    }
    request.send(new BufferingResponseListener(MAX_BODY) {
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
        + " HttpClient" + (http2 ? " over HTTP2Client" : "")
        + ", BufferingResponseListener, maxConnectionsPerDestination = connections";
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
