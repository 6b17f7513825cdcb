package io.gust.samples.jmh;

import io.gust.client.AsyncHttpClient;
import io.gust.client.FetchCallback;
import io.gust.client.HttpClientException;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Closed-loop small GETs over keep-alive connections, {@value #IN_FLIGHT} in flight, against a
 * local server given by {@code -Dgust.bench.url} (nginx serving a small file, say): Gust beside
 * the JDK's HttpClient and OkHttp. One operation is one completed request, so {@code -prof gc}
 * reports bytes allocated per request (all threads, the clients' own included).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Benchmark)
public class ClientBenchmark {
  static final int IN_FLIGHT = 64;
  static final int REQUESTS = 6400;

  @Param({"gust", "jdk", "okhttp"})
  public String client;

  private String url;
  private Driver driver;

  /** Issues {@code count} requests with {@value #IN_FLIGHT} outstanding; blocks until done. */
  interface Driver extends AutoCloseable {
    void run(int count) throws Exception;
  }

  @Setup(Level.Trial)
  public void start() {
    url = System.getProperty("gust.bench.url", "http://127.0.0.1:8080/small.txt");
    switch (client) {
      case "gust":
        driver = new GustDriver(url);
        break;
      case "jdk":
        driver = new JdkDriver(url);
        break;
      default:
        driver = new OkHttpDriver(url);
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    driver.close();
  }

  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public void smallGet() throws Exception {
    driver.run(REQUESTS);
  }

  /** Counts issued and finished requests of one run, and starts the next while some remain. */
  abstract static class ClosedLoop implements Driver {
    private final AtomicInteger issued = new AtomicInteger();
    private CountDownLatch finished;
    private int total;

    @Override
    public void run(int count) throws Exception {
      total = count;
      issued.set(0);
      finished = new CountDownLatch(count);
      for (int i = 0; i < IN_FLIGHT; i++) {
        next();
      }
      if (!finished.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("requests did not finish");
      }
    }

    final void done(boolean ok) {
      if (!ok) {
        throw new IllegalStateException("request failed");
      }
      finished.countDown();
      next();
    }

    private void next() {
      if (issued.getAndIncrement() < total) {
        send();
      }
    }

    abstract void send();
  }

  static final class GustDriver extends ClosedLoop implements FetchCallback {
    private final AsyncHttpClient gust = AsyncHttpClient.builder().maxConnections(IN_FLIGHT)
        .build();
    private final HttpRequest request;

    GustDriver(String url) {
      request = HttpRequest.get(url);
    }

    @Override
    void send() {
      gust.fetch(request, this);
    }

    @Override
    public void onResponse(HttpResponse response) {
      done(response.code() == 200);
    }

    @Override
    public void onFailure(HttpRequest failed, HttpClientException error) {
      error.printStackTrace();
      done(false);
    }

    @Override
    public void close() {
      gust.close();
    }
  }

  static final class JdkDriver extends ClosedLoop {
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final HttpClient jdk = HttpClient.newBuilder().executor(executor)
        .version(HttpClient.Version.HTTP_1_1).build();
    private final java.net.http.HttpRequest request;

    JdkDriver(String url) {
      request = java.net.http.HttpRequest.newBuilder(URI.create(url)).build();
    }

    @Override
    void send() {
      jdk.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray())
          .whenComplete((response, error) -> done(error == null && response.statusCode() == 200));
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }
  }

  static final class OkHttpDriver extends ClosedLoop implements Callback {
    private final OkHttpClient okhttp;
    private final Request request;

    OkHttpDriver(String url) {
      Dispatcher dispatcher = new Dispatcher();
      dispatcher.setMaxRequests(IN_FLIGHT);
      dispatcher.setMaxRequestsPerHost(IN_FLIGHT);
      okhttp = new OkHttpClient.Builder().dispatcher(dispatcher)
          .connectionPool(new ConnectionPool(IN_FLIGHT, 5, TimeUnit.MINUTES)).build();
      request = new Request.Builder().url(url).build();
    }

    @Override
    void send() {
      okhttp.newCall(request).enqueue(this);
    }

    @Override
    public void onResponse(Call call, Response response) throws IOException {
      try (response) {
        response.body().bytes();
        done(response.code() == 200);
      }
    }

    @Override
    public void onFailure(Call call, IOException e) {
      e.printStackTrace();
      done(false);
    }

    @Override
    public void close() {
      okhttp.dispatcher().executorService().shutdown();
      okhttp.connectionPool().evictAll();
    }
  }
}
