package io.gust.client;

import io.gust.loop.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import okio.Buffer;
import okio.ByteString;

/**
 * A request body sent as DATA frames on one {@link Http2Stream}: bytes at once, a file in chunks
 * read off the loop, or a producer's chunks. What waits for flow-control credit stays in one
 * buffer; a producer's write completes once its chunk went out in DATA frames, so a producer that
 * waits for its writes stops when the server's window is exhausted. Loop-confined, except the
 * {@link BodyWriter} methods, which hop to the loop.
 */
final class Http2RequestBody implements BodyWriter {
  private final Exchange exchange;
  private final Http2Stream stream;
  private final EventLoop loop;
  private final RequestBody body;
  /** Body bytes waiting for flow-control credit. */
  private final Buffer pending = new Buffer();
  /** Producer writes not yet sent, with the count of bytes sent when each is done. */
  private final ArrayDeque<Write> writes = new ArrayDeque<>();
  private long bytesQueued;
  private long bytesSent;
  private boolean ended;
  private boolean complete;
  private FileSource file;
  /** A file chunk is being read off the loop. */
  private boolean reading;

  private record Write(long endOffset, CompletableFuture<Void> done) {}

  Http2RequestBody(Exchange exchange, Http2Stream stream) {
    this.exchange = exchange;
    this.stream = stream;
    this.loop = exchange.context.loop;
    this.body = exchange.request.body();
  }

  boolean hasBody() {
    return body != null && !(body.kind() == RequestBody.Kind.BYTES && body.bytes().size() == 0);
  }

  long contentLength() {
    return body == null ? -1 : body.contentLength();
  }

  long bytesSent() {
    return bytesSent;
  }

  boolean isComplete() {
    return complete || !hasBody();
  }

  void start() {
    switch (body.kind()) {
      case BYTES:
        pending.write(body.bytes());
        bytesQueued = body.bytes().size();
        ended = true;
        pump();
        break;
      case FILE:
        loop.runInExecutor(exchange.context.fileExecutor(), () -> FileSource.open(body.path()))
            .whenComplete((opened, error) -> exchange.onLoop(() -> fileOpened(opened, error)));
        break;
      default:
        RequestWriter.produce(exchange, this);
    }
  }

  private void fileOpened(FileSource opened, Throwable error) {
    if (error != null) {
      exchange.fail(error);
    } else if (!exchange.isActive()) {
      opened.close();
    } else {
      file = opened;
      readFileChunk();
    }
  }

  private void readFileChunk() {
    if (file.isDone()) {
      ended = true;
      pump();
      return;
    }
    FileSource source = file;
    reading = true;
    loop.runInExecutor(exchange.context.fileExecutor(), source::readChunk)
        .whenComplete((chunk, error) -> exchange.onLoop(() -> fileChunkRead(chunk, error)));
  }

  private void fileChunkRead(Buffer chunk, Throwable error) {
    reading = false;
    if (!exchange.isActive() || file == null) {
      return;
    }
    if (error != null) {
      exchange.fail(error);
      return;
    }
    bytesQueued += chunk.size();
    pending.write(chunk, chunk.size());
    ended = file.isDone();
    if (pump() && !ended) {
      readFileChunk();
    }
  }

  /** A window grew: send what waits, then read on. */
  void windowOpened() {
    if (pump() && file != null && !ended && !reading) {
      readFileChunk();
    }
  }

  /** Sends what the windows allow; true when nothing waits. */
  private boolean pump() {
    if (complete) {
      return true;
    }
    boolean drained = stream.send(pending, ended);
    bytesSent = bytesQueued - pending.size();
    while (!writes.isEmpty() && writes.peekFirst().endOffset() <= bytesSent) {
      writes.pollFirst().done().complete(null);
    }
    exchange.progress();
    if (drained && ended) {
      complete = true;
      closeFile();
      exchange.requestWritten();
    }
    return drained;
  }

  @Override
  public CompletionStage<Void> write(ByteString chunk) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    exchange.onLoop(() -> writeChunk(chunk, written));
    return written;
  }

  private void writeChunk(ByteString chunk, CompletableFuture<Void> written) {
    if (ProducerWrites.refused(ended, exchange, written) || ProducerWrites.overran(
        body.contentLength(), bytesQueued + chunk.size(), exchange, written)) {
      return;
    }
    pending.write(chunk);
    bytesQueued += chunk.size();
    writes.addLast(new Write(bytesQueued, written));
    pump();
  }

  @Override
  public void end() {
    exchange.onLoop(() -> {
      if (ended || !exchange.isActive()
          || ProducerWrites.mismatched(body.contentLength(), bytesQueued, exchange)) {
        return;
      }
      ended = true;
      pump();
    });
  }

  @Override
  public void fail(Throwable cause) {
    exchange.onLoop(() -> exchange.fail(cause));
  }

  /** The stream ended early: pending writes fail, the file closes. */
  void abort() {
    closeFile();
    pending.clear();
    while (!writes.isEmpty()) {
      writes.pollFirst().done().completeExceptionally(
          new IllegalStateException("exchange is over"));
    }
  }

  private void closeFile() {
    if (file != null) {
      file.close();
      file = null;
    }
  }
}
