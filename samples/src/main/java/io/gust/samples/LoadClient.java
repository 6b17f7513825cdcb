package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.loop.EventLoopGroup;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One HTTP client as {@code bench} drives it: GET the URL, read the whole body, complete with the
 * status code. Each implementation is set up for {@code connections} requests in flight, trusts
 * an https server as {@link LoadSettings#trust()} says and, with {@link
 * LoadSettings#newConnections()}, sends {@code Connection: close} on every request, which every
 * client here honours by closing the connection after the response and opening a new one (and
 * over https, handshaking again) for the next.
 */
interface LoadClient extends AutoCloseable {
  /** Starts one GET; the future completes, on the client's own thread, with the status. */
  CompletableFuture<Integer> get();

  /** One line on how the client is set up, for the report. */
  String description();

  @Override
  void close();

  /** Creates the client named {@code name}: gust, jdk, okhttp, or a peer (jetty, apache, ahc). */
  static LoadClient create(String name, LoadSettings settings) {
    return switch (name) {
      case "gust" -> new Gust(settings);
      case "jdk" -> new Jdk(settings);
      case "okhttp" -> new OkHttp(settings);
      case "jetty" -> peer("PeerJetty", name, settings);
      case "apache" -> peer("PeerApache", name, settings);
      case "ahc" -> peer("PeerAhc", name, settings);
      default -> throw new IllegalArgumentException("unknown client " + name
          + " (gust, jdk, okhttp, jetty, apache or ahc)");
    };
  }

  /** One line naming the version of each client in this jar, and of Java. */
  static String versions() {
    return "gust " + mavenVersion("io.gust", "gust-client-core") + ", Java " + Runtime.version()
        + ", OkHttp " + okhttp3.OkHttp.VERSION
        + ", Jetty " + mavenVersion("org.eclipse.jetty", "jetty-client")
        + ", Apache HttpClient " + mavenVersion("org.apache.httpcomponents.client5", "httpclient5")
        + ", AsyncHttpClient " + mavenVersion("org.asynchttpclient", "async-http-client");
  }

  /** The version of a Maven artifact in this jar, from its pom.properties, or "?" when absent. */
  static String mavenVersion(String group, String artifact) {
    String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (java.io.InputStream in = LoadClient.class.getResourceAsStream(path)) {
      java.util.Properties properties = new java.util.Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "?");
    } catch (IOException e) {
      return "?";
    }
  }

  /** A peer client, compiled into the jar only by the Maven profile {@code peers}. */
  private static LoadClient peer(String type, String name, LoadSettings settings) {
    Class<?> peer;
    try {
      peer = Class.forName(LoadClient.class.getPackageName() + "." + type);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException("client " + name + " is not in this jar: build it with"
          + " the peers profile (mvn -B package -DskipTests -Ppeers)");
    }
    try {
      return (LoadClient) peer.getDeclaredConstructor(LoadSettings.class).newInstance(settings);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException usage) {
        throw usage;
      }
      throw new IllegalStateException("cannot start client " + name, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot start client " + name, e);
    }
  }

  /**
   * Gust's AsyncHttpClient with as many connections as requests in flight, on its own loop or on
   * a group of {@code loops} loops.
   */
  final class Gust implements LoadClient {
    /** Set to true to time every call with Micrometer, for the cost of the metrics. */
    static final String MICROMETER_PROPERTY = "gust.bench.micrometer";
    /**
     * How Gust takes the body: {@code buffered} (the default, into {@code body()}), {@code stream}
     * (a {@link io.gust.client.BodyStream} read to its end, each chunk counted and released) or
     * {@code callback} (a body callback that counts each chunk).
     */
    static final String BODY_PROPERTY = "gust.bench.body";
    private final AsyncHttpClient client;
    private final String body = System.getProperty(BODY_PROPERTY, "buffered");
    private final io.gust.client.HttpRequest request;
    private final EventLoopGroup group;

    Gust(LoadSettings settings) {
      int connections = settings.connections();
      AsyncHttpClient.Builder builder = AsyncHttpClient.builder().maxConnections(connections)
          .maxConnectionsPerHost(connections).decompress(false)
          .tls(settings.trust().tlsOptions());
      if (Boolean.getBoolean(MICROMETER_PROPERTY)) {
        builder.eventListenerFactory(io.gust.client.metrics.MicrometerMetrics.create(
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
      }
      if (settings.http2()) {
        builder.protocols(settings.url().getScheme().equals("https")
            ? new io.gust.client.Protocol[] {io.gust.client.Protocol.HTTP_2,
                io.gust.client.Protocol.HTTP_1_1}
            : new io.gust.client.Protocol[] {io.gust.client.Protocol.HTTP_2});
      } else {
        builder.protocols(io.gust.client.Protocol.HTTP_1_1);
      }
      group = settings.loops() > 1 ? EventLoopGroup.create(settings.loops()) : null;
      if (group != null) {
        builder.loopGroup(group);
      }
      client = builder.build();
      io.gust.client.HttpRequest.Builder request =
          io.gust.client.HttpRequest.newBuilder(settings.url());
      if (settings.newConnections()) {
        request.header(LoadSettings.CLOSE_NAME, LoadSettings.CLOSE_VALUE);
      }
      if (body.equals("callback")) {
        request.bodyCallback(chunk -> {
          if (chunk.size() < 0) {
            throw new IllegalStateException("a chunk has no negative size");
          }
          return null;
        });
      } else if (!body.equals("stream") && !body.equals("buffered")) {
        throw new IllegalArgumentException("-D" + BODY_PROPERTY + " takes buffered, stream"
            + " or callback");
      }
      this.request = request.build();
    }

    @Override
    public CompletableFuture<Integer> get() {
      if (body.equals("stream")) {
        io.gust.client.BodyStream stream = io.gust.client.BodySink.stream();
        CompletableFuture<io.gust.client.HttpResponse> done = client.fetch(request, stream);
        drain(stream);
        return done.thenApply(io.gust.client.HttpResponse::code);
      }
      return client.fetch(request).thenApply(io.gust.client.HttpResponse::code);
    }

    /** Reads the stream to its end, releasing each chunk as an application that copies it out. */
    private static void drain(io.gust.client.BodyStream stream) {
      stream.read().thenAccept(chunk -> {
        if (chunk != null) {
          chunk.clear();
          drain(stream);
        }
      });
    }

    @Override
    public String description() {
      return "gust: AsyncHttpClient, " + (group == null ? "one loop" : group.size() + " loops")
          + ", maxConnections = connections"
          + (Boolean.getBoolean(MICROMETER_PROPERTY) ? ", Micrometer metrics" : "")
          + ", body " + body;
    }

    @Override
    public void close() {
      client.close();
      if (group != null) {
        group.close();
      }
    }
  }

  /**
   * The JDK's HttpClient, HTTP/1.1 forced, on a two-thread executor (it opens what it needs). It
   * refuses to send a Connection field unless the system property {@value #ALLOW_PROPERTY}
   * names it when the client's classes load, so new connections set the property first.
   */
  final class Jdk implements LoadClient {
    private static final int THREADS = 2;
    static final String ALLOW_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";
    private final ExecutorService executor =
        Executors.newFixedThreadPool(THREADS, DaemonThreads.named("bench-jdk"));
    private final HttpClient client;
    private final HttpRequest request;
    private final HttpClient.Version version;

    Jdk(LoadSettings settings) {
      if (settings.newConnections() && System.getProperty(ALLOW_PROPERTY) == null) {
        System.setProperty(ALLOW_PROPERTY, "connection");
      }
      version = settings.http2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
      client = HttpClient.newBuilder().version(version).executor(executor)
          .sslContext(settings.trust().context()).build();
      HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).GET();
      if (settings.newConnections()) {
        try {
          request.header(LoadSettings.CLOSE_NAME, LoadSettings.CLOSE_VALUE);
        } catch (IllegalArgumentException e) {
          executor.shutdownNow();
          throw new IllegalArgumentException("the JDK client refuses Connection: close here;"
              + " start the JVM with -D" + ALLOW_PROPERTY + "=connection");
        }
      }
      this.request = request.build();
    }

    @Override
    public CompletableFuture<Integer> get() {
      return client.sendAsync(request, BodyHandlers.ofByteArray())
          .thenApply(java.net.http.HttpResponse::statusCode);
    }

    @Override
    public String description() {
      return "jdk: " + Runtime.version() + " java.net.http.HttpClient, " + version
          + ", sendAsync, executor of " + THREADS
          + " threads";
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }
  }

  /** OkHttp with enqueue, its dispatcher and pool sized to the connections. */
  final class OkHttp implements LoadClient {
    private final OkHttpClient client;
    private final Request request;

    OkHttp(LoadSettings settings) {
      int connections = settings.connections();
      Dispatcher dispatcher = new Dispatcher();
      dispatcher.setMaxRequests(connections);
      dispatcher.setMaxRequestsPerHost(connections);
      TlsSettings.Trust trust = settings.trust();
      OkHttpClient.Builder builder = new OkHttpClient.Builder().dispatcher(dispatcher)
          .connectionPool(new ConnectionPool(connections, 1, TimeUnit.MINUTES))
          .protocols(settings.http2() ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1)
              : List.of(Protocol.HTTP_1_1)).retryOnConnectionFailure(false)
          .sslSocketFactory(trust.context().getSocketFactory(), trust.manager());
      if (trust.insecure()) {
        builder.hostnameVerifier((host, session) -> true);
      }
      client = builder.build();
      Request.Builder request = new Request.Builder().url(settings.url().toString());
      if (settings.newConnections()) {
        request.header(LoadSettings.CLOSE_NAME, LoadSettings.CLOSE_VALUE);
      }
      this.request = request.build();
    }

    @Override
    public CompletableFuture<Integer> get() {
      CompletableFuture<Integer> result = new CompletableFuture<>();
      client.newCall(request).enqueue(new Callback() {
        @Override
        public void onResponse(Call call, Response response) {
          try (response) {
            response.body().bytes();
            result.complete(response.code());
          } catch (IOException e) {
            result.completeExceptionally(e);
          }
        }

        @Override
        public void onFailure(Call call, IOException e) {
          result.completeExceptionally(e);
        }
      });
      return result;
    }

    @Override
    public String description() {
      return "okhttp: OkHttp " + okhttp3.OkHttp.VERSION
          + " OkHttpClient.enqueue, dispatcher and pool sized to connections";
    }

    @Override
    public void close() {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
