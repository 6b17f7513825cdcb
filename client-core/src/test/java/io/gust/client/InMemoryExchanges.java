package io.gust.client;

import io.gust.http.CodecLimits;
import io.gust.http.FuzzChecks;
import io.gust.http.FuzzInput;
import io.gust.loop.EventLoop;
import io.gust.testing.OnLoop;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okio.Buffer;

/**
 * The production client's exchange (its {@link ResponseReader} and {@link RequestWriter}) run in
 * memory, with no socket, on a loop of its own: what a socket would deliver is handed to the
 * reader by hand, and request heads are written into a buffer. For the fuzz harnesses, and, through
 * {@link #start}, for unit tests that drive one exchange's state machine step by step.
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
    CompletableFuture<HttpResponse> outcome = onLoop(() -> readOnLoop(request, pieces));
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
    return onLoop(() -> {
      Buffer out = new Buffer();
      new RequestWriter(exchange(request, new ResponseFuture()), null)
          .writeHead(out, contentLength);
      return out;
    });
  }

  private Exchange exchange(HttpRequest request, ResponseFuture future) {
    Fetch fetch = new Fetch(partition, request, Reply.toFuture(request, future, null), null);
    future.attach(fetch);
    return exchange(fetch, request);
  }

  private Exchange exchange(Fetch fetch, HttpRequest request) {
    HostPool pool = new HostPool(Origin.of(request, AddressFamily.ANY, Proxy.NONE,
        partition.context.config.versions(request)));
    return new Exchange(fetch, new PooledConnection(partition, pool));
  }

  /**
   * Starts an exchange for {@code request} as if its request had just gone out, and returns the
   * handle that feeds it what a socket would deliver. Each report of its fetch is recorded.
   */
  Driven start(HttpRequest request) throws Exception {
    return onLoop(() -> new Driven(request));
  }

  /** Runs {@code task} on the harness's loop and returns its result; what it threw, as thrown. */
  <T> T onLoop(Callable<T> task) throws Exception {
    return OnLoop.call(loop, task);
  }

  /** One exchange started in memory; every method runs on the harness's loop and waits for it. */
  final class Driven implements FetchCallback {
    final Exchange exchange;
    private final ResponseReader reader;
    private final Buffer in = new Buffer();
    /** What the fetch reported: responses and failures, in order. */
    final List<Object> reports = new CopyOnWriteArrayList<>();

    private Driven(HttpRequest request) {
      Fetch fetch = new Fetch(partition, request, Reply.toCallback(request, this, null), null);
      exchange = exchange(fetch, request);
      reader = exchange.startInMemory();
    }

    /** Hands {@code bytes} to the reader as one read; returns whether it still listens. */
    boolean deliver(String bytes) throws Exception {
      return onLoop(() -> {
        in.writeUtf8(bytes);
        return reader.onReadable(in);
      });
    }

    /** The peer ended its output. */
    void end() throws Exception {
      onLoop(() -> {
        reader.onEnd(in);
        return null;
      });
    }

    void fail(Throwable cause) throws Exception {
      onLoop(() -> {
        exchange.fail(cause);
        return null;
      });
    }

    Phase phase() throws Exception {
      return onLoop(exchange::phase);
    }

    boolean isActive() throws Exception {
      return onLoop(exchange::isActive);
    }

    /** Waits for the loop to run what is queued (the hand-over of a finished response). */
    List<Object> reportsAfterQueuedTasks() throws Exception {
      onLoop(() -> null);
      return reports;
    }

    @Override
    public void onResponse(HttpResponse response) {
      reports.add(response);
    }

    @Override
    public void onFailure(HttpRequest request, HttpClientException error) {
      reports.add(error);
    }
  }

  /** The value of a future completed by the harness; what the harness threw, as thrown. */
  @Override
  public void close() {
    client.close();
    loop.close();
  }
}
