package io.gust.samples.jmh;

import io.gust.client.Headers;
import io.gust.client.HttpRequest;
import io.gust.http.Http1Writer;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serializing one request head into a reused buffer, as the client does before each write: ns
 * per head, and with {@code -prof gc} ({@code gc.alloc.rate.norm}) bytes per head. {@code get}
 * is the client's head for a plain GET (Host, User-Agent, Accept-Encoding); {@code api} adds an
 * Authorization, an Accept, a Content-Type, a Content-Length and two custom fields.
 *
 * <p>Run: {@code java -cp samples/target/gust-samples.jar org.openjdk.jmh.Main
 * RequestWriterBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Thread)
public class RequestWriterBenchmark {
  @Param({"get", "api"})
  public String head;

  private final Buffer out = new Buffer();
  private HttpRequest request;
  private Headers headers;

  @Setup
  public void build() {
    URI url = URI.create("http://127.0.0.1:18091/small?page=2");
    Headers.Builder fields = new Headers.Builder().add("Host", "127.0.0.1:18091")
        .add("User-Agent", "gust/0.1").add("Accept-Encoding", "gzip, deflate");
    if (head.equals("api")) {
      fields.add("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig")
          .add("Accept", "application/json").add("Content-Type", "application/json")
          .add("Content-Length", "128").add("X-Request-Id", "7d1e0c55-3c5a-4a4e-9a51")
          .add("X-Client-Version", "4.2.0");
    }
    headers = fields.build();
    request = HttpRequest.newBuilder(url).build();
  }

  @Benchmark
  public long write() {
    Http1Writer.writeRequestHead(out, request, headers);
    long size = out.size();
    out.clear();
    return size;
  }
}
