package io.gust.samples.jmh;

import io.gust.http2.Frame;
import io.gust.http2.FrameReader;
import io.gust.http2.FrameWriter;
import io.gust.http2.HeaderField;
import io.gust.http2.Http2Exception;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
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
 * HPACK through the HTTP/2 frame codec, as a connection uses it: encoding a header list into a
 * HEADERS frame ({@code encode}) and reading one back into fields ({@code decode}), in ns per
 * header list, and with {@code -prof gc} ({@code gc.alloc.rate.norm}) bytes per list.
 * {@code request} is a browser-like API request with a bearer token and a cookie; {@code
 * response} an API answer with caching fields and a set-cookie. {@code warm} is a connection's
 * steady state (the same list sent before, so the dynamic table holds it and the block is mostly
 * one-octet indexes); {@code cold} is the first list on a new connection (Huffman literals, new
 * table entries, a new reader or writer).
 *
 * <p>Run: {@code java -cp samples/target/gust-samples.jar org.openjdk.jmh.Main HpackBenchmark
 * -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Thread)
public class HpackBenchmark {
  private static final String[] REQUEST = {
      ":method", "GET", ":scheme", "https", ":authority", "api.example.com",
      ":path", "/v1/users/42/orders?limit=20&fields=id,total,status",
      "user-agent", "gust/0.1 (Java 17)", "accept", "application/json",
      "accept-encoding", "gzip, deflate", "accept-language", "en-GB,en;q=0.9",
      "authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.Jf8lZ2mX9c0",
      "cookie", "session=4f1c2a9b7d; theme=dark; consent=analytics,ads",
  };

  private static final String[] RESPONSE = {
      ":status", "200", "date", "Fri, 04 Dec 2026 14:40:00 GMT",
      "content-type", "application/json; charset=utf-8", "content-length", "1432",
      "cache-control", "private, max-age=0, must-revalidate", "etag", "W/\"598-8bd2f1c3\"",
      "vary", "Accept-Encoding, Origin",
      "set-cookie", "session=4f1c2a9b7d; Path=/; HttpOnly; Secure; SameSite=Lax",
      "x-request-id", "7d1e0c55-3c5a-4a4e-9a51-2f6d1b0c9e11",
      "strict-transport-security", "max-age=31536000; includeSubDomains",
  };

  @Param({"request", "response"})
  public String fields;

  @Param({"warm", "cold"})
  public String table;

  private List<HeaderField> list;
  private FrameWriter writer;
  private FrameReader reader;
  private byte[] frame;
  private final Buffer out = new Buffer();
  private final Buffer in = new Buffer();

  @Setup
  public void prepare() throws Http2Exception {
    String[] pairs = fields.equals("request") ? REQUEST : RESPONSE;
    list = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      list.add(new HeaderField(pairs[i], pairs[i + 1]));
    }
    writer = new FrameWriter();
    reader = new FrameReader();
    Buffer first = new Buffer();
    writer.headers(first, 1, true, list);
    ByteString firstFrame = first.readByteString();
    if (table.equals("warm")) {
      reader.read(new Buffer().write(firstFrame));
      writer.headers(first, 3, true, list);
      frame = first.readByteArray();
    } else {
      frame = firstFrame.toByteArray();
    }
  }

  @Benchmark
  public long encode() {
    FrameWriter w = table.equals("warm") ? writer : new FrameWriter();
    w.headers(out, 3, true, list);
    long size = out.size();
    out.clear();
    return size;
  }

  @Benchmark
  public Frame decode() throws Http2Exception {
    FrameReader r = table.equals("warm") ? reader : new FrameReader();
    in.write(frame);
    return r.read(in);
  }
}
