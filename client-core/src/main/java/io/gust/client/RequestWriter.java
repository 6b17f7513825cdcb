package io.gust.client;

import io.gust.http.Http1Writer;
import io.gust.loop.EventLoop;
import io.gust.net.ChannelStream;
import io.gust.net.WriteListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import okio.Buffer;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one request: its head with the fields the client adds (Host, User-Agent,
 * Accept-Encoding, framing, Expect), then its body — bytes at once, a file in chunks read off the
 * loop, or a producer's chunks (chunked unless it announced a length) with write backpressure.
 * Loop-confined, except the {@link BodyWriter} methods, which hop to the loop.
 *
 * <p>As the {@link WriteListener} of the request's last write it tells the exchange when the
 * whole request reached the socket; a failed write fails the exchange in phase WRITE.
 */
final class RequestWriter implements WriteListener, BodyWriter {
  private static final Logger log = LoggerFactory.getLogger(RequestWriter.class);
  /** The largest body sent after a final answer to Expect: 100-continue to keep the connection. */
  private static final int MAX_SKIPPED_BODY_BYTES = 64 * 1024;

  private final Exchange exchange;
  private final ChannelStream stream;
  private final ClientContext context;
  private final EventLoop loop;
  private final HttpRequest request;
  private final RequestBody body;
  /** Body bytes handed to the stream so far. */
  long bodyBytesSent;
  /** The body length announced in Content-Length, or -1 when chunked or unknown yet. */
  long sendTotal = -1;
  private boolean chunked;
  private boolean ended;
  private boolean complete;
  /** Whether the body went out or started to (it waits after Expect: 100-continue). */
  private boolean bodyStarted;
  /** The file being sent, while it is. */
  private FileSource file;

  RequestWriter(Exchange exchange, ChannelStream stream) {
    this.exchange = exchange;
    this.stream = stream;
    this.context = exchange.context;
    this.loop = context.loop;
    this.request = exchange.request;
    this.body = request.body();
  }

  /** Whether every byte of the request reached the socket. */
  boolean isComplete() {
    return complete;
  }

  /** Writes the head and, unless the exchange waits for 100 Continue, the body. */
  void start() {
    if (body != null && body.kind() == RequestBody.Kind.FILE) {
      loop.runInExecutor(context.fileExecutor(),
          () -> FileSource.open(body.path())).whenComplete(this::fileOpened);
      return;
    }
    long length = body == null ? (expectsBody() ? 0 : -1) : body.contentLength();
    writeHeadThenBody(length);
  }

  private void fileOpened(FileSource opened, Throwable error) {
    if (error != null) {
      exchange.fail(error);
    } else if (!exchange.isActive()) {
      opened.close();
    } else {
      file = opened;
      writeHeadThenBody(opened.size);
    }
  }

  private void writeHeadThenBody(long contentLength) {
    Buffer out = context.heads;
    out.clear(); // empty unless a previous head failed half-written
    writeHead(out, contentLength);
    exchange.timings.requestHeadSent();
    if (ClientConfig.expectContinue(request)) {
      stream.write(out, null);
      exchange.awaitContinue();
    } else {
      sendBody(out);
    }
  }

  /** Sends the body after {@code prefix} (the head, or nothing after a 100 Continue). */
  void sendBody(Buffer prefix) {
    bodyStarted = true;
    if (body == null) {
      stream.write(prefix, this);
      return;
    }
    switch (body.kind()) {
      case BYTES:
        prefix.write(body.bytes());
        bodyBytesSent = body.bytes().size();
        stream.write(prefix, this);
        break;
      case FILE:
        stream.write(prefix, null);
        readFileChunk();
        break;
      default:
        stream.write(prefix, null);
        produce(exchange, this);
    }
  }

  /** Starts the request's body producer on {@code writer}; one that throws fails the exchange. */
  static void produce(Exchange exchange, BodyWriter writer) {
    try {
      BodyProducer producer = exchange.request.body().producer();
      if (producer instanceof OffLoopProducer) {
        ((OffLoopProducer) producer).produce(writer, exchange.context.fileExecutor());
      } else {
        producer.produce(writer);
      }
    } catch (RuntimeException | Error e) {
      log.warn("body producer for {} threw", exchange.request, e);
      exchange.fail(e);
    }
  }

  private void readFileChunk() {
    FileSource source = file;
    loop.runInExecutor(context.fileExecutor(), source::readChunk)
        .whenComplete(this::fileChunkRead);
  }

  private void fileChunkRead(Buffer chunk, Throwable error) {
    if (!exchange.isActive()) {
      return;
    }
    if (error != null) {
      exchange.fail(error);
      return;
    }
    bodyBytesSent += chunk.size();
    boolean last = file.isDone();
    stream.write(chunk, last ? this : new WriteListener() {
      @Override
      public void onWritten() {
        exchange.progress();
        readFileChunk();
      }

      @Override
      public void onWriteFailed(Throwable cause) {
        exchange.fail(cause);
      }
    });
  }

  /**
   * After a final answer to Expect: 100-continue that keeps the connection open, sends the body
   * after all when it is small and in memory: a server that keeps such a connection reads and
   * discards the announced body (RFC 9110 §10.1.1), so both sides stay in step. Returns false,
   * sending nothing, when the body already went or is of another kind; the connection then closes.
   */
  boolean sendSkippedBody() {
    if (bodyStarted || body == null || body.kind() != RequestBody.Kind.BYTES
        || body.bytes().size() > MAX_SKIPPED_BODY_BYTES) {
      return false;
    }
    bodyStarted = true;
    stream.write(new Buffer().write(body.bytes()), null);
    return true;
  }

  /** The exchange ended: release the file. */
  void abort() {
    if (file != null) {
      file.close();
      file = null;
    }
  }

  @Override
  public void onWritten() {
    complete = true;
    abort();
    exchange.requestWritten();
  }

  @Override
  public void onWriteFailed(Throwable cause) {
    exchange.fail(cause);
  }

  @Override
  public CompletionStage<Void> write(ByteString chunk) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    exchange.onLoop(() -> writeChunk(chunk, written));
    return written;
  }

  private void writeChunk(ByteString chunk, CompletableFuture<Void> written) {
    if (ProducerWrites.refused(ended, exchange, written)) {
      return;
    }
    bodyBytesSent += chunk.size();
    if (ProducerWrites.overran(chunked ? -1 : sendTotal, bodyBytesSent, exchange, written)) {
      return;
    }
    Buffer out = new Buffer();
    if (chunked) {
      Http1Writer.writeChunk(out, chunk);
    } else {
      out.write(chunk);
    }
    stream.write(out, new WriteListener() {
      @Override
      public void onWritten() {
        exchange.progress();
        written.complete(null);
      }

      @Override
      public void onWriteFailed(Throwable cause) {
        written.completeExceptionally(cause);
      }
    });
  }

  @Override
  public void end() {
    exchange.onLoop(() -> {
      if (ended || !exchange.isActive()) {
        return;
      }
      ended = true;
      if (ProducerWrites.mismatched(chunked ? -1 : sendTotal, bodyBytesSent, exchange)) {
        return;
      }
      Buffer out = new Buffer();
      if (chunked) {
        Http1Writer.writeLastChunk(out, Headers.empty());
      }
      stream.write(out, this);
    });
  }

  @Override
  public void fail(Throwable cause) {
    exchange.onLoop(() -> exchange.fail(cause));
  }

  private boolean expectsBody() {
    String method = request.method();
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  /**
   * Writes the head through the codec's writer, with the fields the client adds, framing a body
   * of {@code contentLength} bytes (-1: chunked, or no body when there is none).
   */
  void writeHead(Buffer out, long contentLength) {
    chunked = body != null && contentLength < 0;
    sendTotal = contentLength;
    Headers headers = request.headers();
    Origin origin = exchange.connection.host.origin;
    Http1Writer.writeRequestLine(out, request.method(), ProxyHeads.target(origin, request));
    if (headers.get("Host") == null) {
      Http1Writer.writeField(out, "Host", request.hostHeader());
    }
    for (int i = 0, size = headers.size(); i < size; i++) {
      if (!isFramingField(headers.name(i)) && !ProxyHeads.withholds(origin, headers.name(i))) {
        Http1Writer.writeField(out, headers, i);
      }
    }
    ProxyHeads.writeCredentials(out, origin, headers);
    ClientConfig config = context.config;
    if (headers.get("User-Agent") == null && config.userAgent != null) {
      Http1Writer.writeField(out, "User-Agent", config.userAgent);
    }
    if (config.decompress(request)) {
      Http1Writer.writeField(out, "Accept-Encoding", config.contentCodings.acceptEncoding);
    }
    if (body != null && body.contentType() != null && headers.get("Content-Type") == null) {
      Http1Writer.writeField(out, "Content-Type", body.contentType());
    }
    if (chunked) {
      Http1Writer.writeField(out, "Transfer-Encoding", "chunked");
    } else if (contentLength >= 0) {
      Http1Writer.writeContentLength(out, contentLength);
    }
    if (ClientConfig.expectContinue(request) && headers.get("Expect") == null) {
      Http1Writer.writeField(out, "Expect", "100-continue");
    }
    exchange.timings.requestHeadStart(request, context.headFields);
    Http1Writer.endHead(out);
  }

  private static boolean isFramingField(String name) {
    return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding");
  }
}
