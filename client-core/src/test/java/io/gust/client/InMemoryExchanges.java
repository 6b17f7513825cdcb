package io.gust.client;

import io.gust.http.CodecLimits;
import io.gust.http.FuzzChecks;
import io.gust.http.FuzzInput;
import io.gust.loop.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okio.Buffer;

/**
 * The production client's exchange (its {@link ResponseReader} and {@link RequestWriter}) run in
 * memory, with no socket, on a loop of its own: what a socket would deliver is handed to the
 * reader by hand, and request heads are written into a buffer. For the fuzz harnesses.
 */
final class InMemoryExchanges implements AutoCloseable {
  private final EventLoop loop = EventLoop.create();
  private final AsyncHttpClient client;
  private final LoopClient partition;

  InMemoryExchanges(int maxHeadBytes, long maxBodyBytes) {
    client = AsyncHttpClient.builder().loop(loop).maxHeaderBytes(maxHeadBytes)
        .maxBodyBytes(maxBodyBytes).build();
    partition = client.partitions().get(0);
  }

  /** The limits the reader enforces. */
  CodecLimits limits() {
    return partition.context.limits();
  }

  /**
   * Reads the response to {@code request} from {@code pieces}, delivered as the stream would (a
   * call per read, then the end of input unless the reader stopped listening), and returns how
   * the fetch ended: its response, or its failure as the cause of an ExecutionException.
   */
  HttpResponse read(HttpRequest request, FuzzInput.Pieces pieces) throws Exception {
    CompletableFuture<CompletableFuture<HttpResponse>> started = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        started.complete(readOnLoop(request, pieces));
      } catch (Throwable t) {
        started.completeExceptionally(t);
      }
    });
    CompletableFuture<HttpResponse> outcome = unwrap(started);
    return outcome.get(10, TimeUnit.SECONDS);
  }

  private CompletableFuture<HttpResponse> readOnLoop(HttpRequest request,
      FuzzInput.Pieces pieces) {
    ResponseFuture future = new ResponseFuture();
    Exchange exchange = exchange(request, future);
    ResponseReader reader = exchange.startInMemory();
    Buffer in = new Buffer();
    boolean listening = true;
    while (listening && pieces.hasMore()) {
      pieces.deliver(in);
      listening = reader.onReadable(in);
      if (listening) {
        FuzzChecks.assertPendingBounded(in, limits());
      }
    }
    if (listening) {
      reader.onEnd(in);
    }
    return future;
  }

  /** Writes the head the client would send for {@code request} with a body of that length. */
  Buffer writeHead(HttpRequest request, long contentLength) throws Exception {
    CompletableFuture<Buffer> written = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        Buffer out = new Buffer();
        new RequestWriter(exchange(request, new ResponseFuture()), null)
            .writeHead(out, contentLength);
        written.complete(out);
      } catch (Throwable t) {
        written.completeExceptionally(t);
      }
    });
    return unwrap(written);
  }

  private Exchange exchange(HttpRequest request, ResponseFuture future) {
    Fetch fetch = new Fetch(partition, request, Reply.toFuture(request, future, null), null);
    future.attach(fetch);
    return new Exchange(fetch, new PooledConnection(partition, new HostPool(Origin.of(request, AddressFamily.ANY))));
  }

  /** The value of a future completed by the harness; what the harness threw, as thrown. */
  private static <T> T unwrap(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause();
      }
      throw e;
    }
  }

  @Override
  public void close() {
    client.close();
    loop.close();
  }
}
