package io.gust.server;

import io.gust.client.Protocol;
import io.gust.http.ReasonPhrases;
import io.gust.net.WriteListener;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import okio.Buffer;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handler for one request at a time on a connection and writes its response: the head
 * with the fields the server owns, then a fixed body, a streamed one, or none for HEAD, 204 and
 * 304.
 * Loop-confined; reused for every exchange of its connection.
 *
 * <p>User code is contained here: a handler that throws, returns null or fails its stage is
 * logged at WARN and answered with 500, and the connection goes on.
 *
 * <p>When the client ends its input before the answer was written, the exchange completes
 * {@link Request#clientGone()} and still waits for the answer, which a half-closing client reads.
 * When the connection itself ends (reset, failed, timed out, or the server shuts down) it also
 * cancels the handler's stage if that is a pending {@code CompletableFuture}. A stage that fails
 * or yields nothing after the client went away closes the connection without an answer (logged
 * at DEBUG: a handler that gave up on a departed client did nothing wrong).
 */
final class Exchange extends HandlerRun implements WriteListener {
  private static final Logger log = LoggerFactory.getLogger(Exchange.class);

  private final ServerConnection connection;
  /** Bumped per exchange, so that a late async completion cannot answer a later request. */
  private long generation;
  private boolean keepAlive;
  private boolean closeAfter;
  private StreamWriter streamWriter;
  /** The file being sent with sendfile, closed once written or when the connection closes. */
  private FileChannel openFile;
  /** The client went away before this exchange's answer was written. */
  private boolean gone;

  Exchange(ServerConnection connection) {
    this.connection = connection;
  }

  void run(Request request, Router.Match match, boolean keepAlive) {
    this.request = request;
    this.keepAlive = keepAlive;
    this.gone = false;
    long current = ++generation;
    if (connection.isInputEnded()) {
      inputEnded();
    }
    if (match.refusal != null) {
      send(match.refusal);
      return;
    }
    Route route = match.route;
    if (route.webSocket != null) {
      Response refusal = WebSocketUpgrade.upgrade(connection, request, route.webSocket);
      if (refusal != null) {
        send(refusal);
      } else {
        this.request = null;
      }
      return;
    }
    callHandler(route, connection.loop, current);
  }

  @Override
  void completed(long expected, Response response, Throwable error) {
    if (expected != generation || connection.isClosed()) {
      return;
    }
    stageDone();
    if (gone && (error != null || response == null)) {
      log.debug("handler for {} {} gave no answer after the client went away: {}",
          request.method(), request.path(), String.valueOf(error));
      connection.fail(new IllegalStateException("no answer for a client that went away", error));
      return;
    }
    send(error != null ? handlerFailed(error) : response);
  }

  /**
   * The client ended its input before the answer was written: tells the handler through {@link
   * Request#clientGone()}, and keeps waiting for its answer. Idempotent per exchange.
   */
  void inputEnded() {
    if (request == null || gone) {
      return;
    }
    gone = true;
    request.markClientGone();
  }

  /** Answers a malformed request with {@code status} and closes. */
  void refuse(int status, Protocol protocol) {
    request = null;
    keepAlive = false;
    generation++;
    Response response = Response.of(status, ReasonPhrases.of(status).toLowerCase() + "\n");
    Buffer out = new Buffer();
    ResponseHeads.write(out, response, response.body().size(), true, protocol,
        connection.context);
    out.write(response.body());
    connection.stream.write(out, new WriteListener() {
      @Override
      public void onWritten() {
        connection.closeAfterAnswer(true);
      }
    });
  }

  @Override
  void send(Response response) {
    if (response == null) {
      response = noResponse();
    }
    connection.writing();
    if (response.fileBody() != null) {
      sendFile(response, response.fileBody());
      return;
    }
    ByteString fixed = response.body();
    long length = fixed != null ? fixed.size() : response.streamLength();
    Buffer out = head(response, length);
    boolean bodiless = isBodiless(response);
    if (fixed != null || bodiless) {
      if (!bodiless) {
        out.write(fixed);
      }
      connection.stream.write(out, this);
      return;
    }
    stream(out, response.streamingBody(), length);
  }

  /** Whether the answer goes without its body: to HEAD, or with a status that allows none. */
  private boolean isBodiless(Response response) {
    return request.method().equals("HEAD") || !Response.allowsBody(response.code());
  }

  /** Writes {@code head}, then {@code body}'s pieces as {@code length} bytes or chunks (-1). */
  private void stream(Buffer head, StreamingBody body, long length) {
    connection.stream.write(head, null);
    boolean chunked = length < 0 && request.protocol() == Protocol.HTTP_1_1;
    streamWriter = new StreamWriter(this, connection, chunked, length);
    streamWriter.start(body);
  }

  /**
   * Opens the file on the loop and sends its head with its size; then the file itself with
   * sendfile on a plain stream, or in pieces read off the loop over TLS. See {@link FileBody}.
   */
  private void sendFile(Response response, FileBody file) {
    FileChannel channel = null;
    long size;
    try {
      channel = file.open();
      size = channel.size();
    } catch (IOException e) {
      closeQuietly(channel);
      boolean missing = e instanceof NoSuchFileException;
      log.debug("cannot open the file for {} {}: {}", request.method(), request.path(),
          e.toString());
      send(missing ? Response.of(404, "not found\n") : Response.of(500, "cannot read the file\n"));
      return;
    }
    Buffer out = head(response, size);
    if (isBodiless(response) || size == 0) {
      closeQuietly(channel);
      connection.stream.write(out, this);
    } else if (!connection.stream.canWriteFiles()) {
      closeQuietly(channel);
      stream(out, file.pieces(size), size);
    } else {
      openFile = channel;
      connection.stream.write(out, null);
      connection.stream.writeFile(channel, 0, size, this);
    }
  }

  /** The response head for a body of {@code length} bytes (-1: unknown); decides closeAfter. */
  private Buffer head(Response response, long length) {
    closeAfter = !keepAlive || connection.context.draining || connection.isLastRequest()
        || "close".equalsIgnoreCase(response.headers().get("Connection"))
        || (length < 0 && request.protocol() != Protocol.HTTP_1_1 && !isBodiless(response));
    Buffer out = new Buffer();
    ResponseHeads.write(out, response, length, closeAfter, request.protocol(),
        connection.context);
    return out;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing a file failed", e);
    }
  }

  /** The fixed response, or the end of a streamed one, was written. */
  @Override
  public void onWritten() {
    closeQuietly(openFile);
    openFile = null;
    streamWriter = null;
    request = null;
    connection.exchangeDone(closeAfter);
  }

  void connectionClosed() {
    closeQuietly(openFile);
    openFile = null;
    inputEnded();
    cancelAwaited();
    generation++;
    if (streamWriter != null) {
      streamWriter.connectionClosed();
      streamWriter = null;
    }
  }
}
