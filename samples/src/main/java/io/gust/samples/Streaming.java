package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Streaming a large download: a body callback sees each chunk as it arrives (here it only counts
 * and checksums; return a stage from it to pause reading until you caught up), so the body is
 * never held in memory, and a progress listener reports how far the download got.
 *
 * <p>Run: {@code java -jar gust-samples.jar example Streaming [BASE_URL [MEBIBYTES]]}.
 */
public final class Streaming {
  private Streaming() {}

  public static void main(String[] args) throws Exception {
    long mebibytes = args.length > 1 ? Long.parseLong(args[1]) : 64;
    try (Companion server = Companion.from(args);
        AsyncHttpClient client = AsyncHttpClient.create()) {
      CRC32 checksum = new CRC32();
      AtomicLong tenths = new AtomicLong();
      HttpRequest request = HttpRequest.newBuilder(server.url("/bytes/" + (mebibytes << 20)))
          .bodyCallback(chunk -> {
            checksum.update(chunk.asByteBuffer());
            return null;
          })
          .progressListener((sent, sendTotal, received, receiveTotal) -> {
            long tenth = receiveTotal > 0 ? received * 10 / receiveTotal : 0;
            if (tenth > tenths.get()) {
              tenths.set(tenth);
              System.out.printf("  %3d%%  %d bytes%n", tenth * 10, received);
            }
          })
          .build();
      HttpResponse response = client.fetch(request).get(60, TimeUnit.SECONDS);
      System.out.printf("%d: %d MiB in %d ms, CRC-32 %08x, body() holds %d bytes%n",
          response.code(), mebibytes, response.timings().total().toMillis(),
          checksum.getValue(), response.body().size());
    }
  }
}
