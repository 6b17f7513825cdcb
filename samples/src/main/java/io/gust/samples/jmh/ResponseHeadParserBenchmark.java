package io.gust.samples.jmh;

import io.gust.client.HttpProtocolException;
import io.gust.http.ResponseHead;
import io.gust.http.ResponseHeadParser;
import java.nio.charset.StandardCharsets;
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
 * Parsing one response head, the way a connection's parser sees it: ns per head, and with
 * {@code -prof gc} ({@code gc.alloc.rate.norm}) bytes per head, the head, its fields and the
 * buffer refill included. {@code nginx} is the head nginx sends for a small static answer;
 * {@code api} is a larger one with cookies, caching and custom fields.
 *
 * <p>Run: {@code java -cp samples/target/gust-samples.jar org.openjdk.jmh.Main
 * ResponseHeadParserBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Thread)
public class ResponseHeadParserBenchmark {
  private static final String NGINX = "HTTP/1.1 200 OK\r\n"
      + "Server: nginx/1.22.1\r\n"
      + "Date: Sat, 21 Nov 2026 11:40:00 GMT\r\n"
      + "Content-Type: text/plain\r\n"
      + "Content-Length: 6\r\n"
      + "Connection: keep-alive\r\n"
      + "\r\n";

  private static final String API = "HTTP/1.1 200 OK\r\n"
      + "Date: Sat, 21 Nov 2026 11:40:00 GMT\r\n"
      + "Content-Type: application/json; charset=utf-8\r\n"
      + "Content-Length: 1432\r\n"
      + "Connection: keep-alive\r\n"
      + "Cache-Control: private, max-age=0, must-revalidate\r\n"
      + "ETag: W/\"598-8bd2f1c3\"\r\n"
      + "Vary: Accept-Encoding, Origin\r\n"
      + "Set-Cookie: session=4f1c2a9b7d; Path=/; HttpOnly; Secure; SameSite=Lax\r\n"
      + "X-Request-Id: 7d1e0c55-3c5a-4a4e-9a51-2f6d1b0c9e11\r\n"
      + "X-RateLimit-Remaining: 4999\r\n"
      + "Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n"
      + "\r\n";

  @Param({"nginx", "api"})
  public String head;

  private final ResponseHeadParser parser = new ResponseHeadParser();
  private final Buffer in = new Buffer();
  private byte[] bytes;

  @Setup
  public void encode() {
    bytes = (head.equals("nginx") ? NGINX : API).getBytes(StandardCharsets.ISO_8859_1);
  }

  @Benchmark
  public ResponseHead parse() throws HttpProtocolException {
    in.write(bytes);
    return parser.parse(in);
  }
}
