package io.gust.net;

import io.gust.client.TlsInfo;
import io.gust.client.TlsOptions;
import io.gust.loop.EventLoop;
import io.gust.net.StreamLifecycle.State;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import okio.Buffer;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connected socket on one event loop, read into and written from okio buffers (Tornado's
 * IOStream).
 *
 * <p>Every method must be called on the loop thread, and every future completes and every
 * callback runs there. At most one read is pending at a time: a future read ({@link #readUntil},
 * {@link #readBytes}, {@link #readUntilClose}), a {@link #readStream streaming read} that hands
 * chunks to a consumer, or a {@link #readWith listener read} that lets a parser consume straight
 * from the stream's buffer. Bytes nobody has read stay buffered for the next read, up to the read
 * buffer cap; no read grows the buffer past it. A read that the buffer already satisfies
 * completes before the method returns, or, when started from another read's callback, as soon as
 * that callback returns (so chains of reads do not grow the stack). Writes are queued in order;
 * each completes once its bytes were written to the socket. {@link #pauseReading()} stops reading
 * from the socket, which slows the peer down through TCP flow control.
 *
 * <p>States, kept by its {@link StreamLifecycle}: OPEN → CLOSED, by {@link #close()}, by the peer
 * closing, or by a failure; and, for a stream that {@link #allowHalfClose() allows a half close},
 * OPEN → INPUT_ENDED when the peer ends its output, INPUT_ENDED → CLOSED as from OPEN. The stream
 * owns its channel and closes it in CLOSED. Pending writes fail. A pending read fails too, except
 * that after the peer's clean end {@link #readUntilClose} completes, a streaming read ends with
 * {@link StreamConsumer#onEnd} and a listener read with {@link ReadListener#onEnd}. Bytes buffered
 * when the peer closed or the connection failed stay readable; {@link #close()} discards them. By
 * default the peer's end of input closes the whole stream. Errors are typed: {@link
 * StreamClosedException}, {@link ConnectionResetException}, {@link ReadBufferOverflowException},
 * or the JDK's {@code IOException} for anything else.
 *
 * <p>While no read is pending and nothing is buffered the stream still watches its socket, so an
 * idle pooled connection notices the peer closing (close listeners fire) or sending unexpected
 * bytes (they stay buffered and {@link #bufferedBytes()} becomes non-zero). {@link #isHealthy()}
 * is the check before reuse.
 */
public final class ChannelStream {
  private static final Logger log = LoggerFactory.getLogger(ChannelStream.class);
  /** The default read buffer cap: 16 MiB. */
  public static final long DEFAULT_READ_BUFFER_CAP_BYTES = 16L * 1024 * 1024;

  private final EventLoop loop;
  private final Transport transport;
  private final InetSocketAddress remoteAddress;
  private final ReadSide reads;
  /** The read {@link #readWith} installs, kept for the next call once uninstalled. */
  private ReadOp.ListenerRead listenerRead;
  private final WriteSide writes = new WriteSide();
  private final StreamEvents events;
  private final StreamLifecycle lifecycle;

  private ChannelStream(EventLoop loop, Transport transport, long readBufferCapBytes) {
    this.loop = loop;
    this.transport = transport;
    this.remoteAddress = SocketAddresses.remoteOf(transport.channel());
    this.reads = new ReadSide(this, readBufferCapBytes);
    this.events = new StreamEvents(this, transport, reads, writes);
    this.lifecycle = new StreamLifecycle(this, transport, reads, writes, events);
  }

  /** Opens a stream with the default read buffer cap; loop thread only. */
  public static ChannelStream open(EventLoop loop, SocketChannel channel) {
    return open(loop, channel, DEFAULT_READ_BUFFER_CAP_BYTES);
  }

  /**
   * Takes ownership of a connected channel and registers it with {@code loop}; loop thread only.
   * The channel is made non-blocking; its socket options are left as they are. When registration
   * fails (the loop is closing) the channel is closed and the stream starts out closed with that
   * cause, so its operations fail and close listeners fire at once.
   */
  public static ChannelStream open(EventLoop loop, SocketChannel channel, long readBufferCapBytes) {
    Objects.requireNonNull(channel, "channel");
    return open(loop, new SocketTransport(channel), readBufferCapBytes);
  }

  static ChannelStream open(EventLoop loop, Transport transport, long readBufferCapBytes) {
    loop.checkInLoop("ChannelStream.open");
    if (readBufferCapBytes < 1) {
      throw new IllegalArgumentException("readBufferCapBytes < 1: " + readBufferCapBytes);
    }
    ChannelStream stream = new ChannelStream(loop, transport, readBufferCapBytes);
    transport.attach(stream.events::pump);
    try {
      stream.events.register(loop);
    } catch (ClosedChannelException e) {
      stream.fail(StreamClosedException.loopClosed(e));
      return stream;
    } catch (IOException e) {
      stream.fail(e);
      return stream;
    }
    log.debug("stream to {} opened", stream.peerName());
    stream.events.flushWrites();
    return stream;
  }

  /**
   * Takes ownership of a connected channel and starts a TLS client handshake for {@code peerHost}
   * (a name, sent as SNI and verified unless the options say otherwise, or an IP literal); loop
   * thread only. The future completes on the loop once the handshake finished, or fails with a
   * {@link TlsHandshakeException} after the channel was closed. Cancelling it closes the stream.
   */
  public static CompletableFuture<ChannelStream> openTls(EventLoop loop, SocketChannel channel,
      TlsOptions options, String peerHost, int peerPort) {
    return TlsHandshake.client(loop, new SocketTransport(channel), options, peerHost, peerPort,
        DEFAULT_READ_BUFFER_CAP_BYTES);
  }

  /** Like {@link #openTls} for an accepted channel: the options' context holds the server key. */
  public static CompletableFuture<ChannelStream> openTlsServer(EventLoop loop,
      SocketChannel channel, TlsOptions options) {
    return TlsHandshake.server(loop, new SocketTransport(channel), options,
        DEFAULT_READ_BUFFER_CAP_BYTES);
  }

  /**
   * Hands this stream's connection to a new TLS client stream for {@code peerHost} and returns it
   * as {@link #openTls} does, TLS then running inside whatever this stream speaks (inside TLS for
   * a TLS stream): for a tunnel through a proxy, once the proxy opened it. Loop thread only. This
   * stream must be open, with no read pending, nothing buffered and no write waiting; it then
   * ends without closing the connection and without telling its close listeners, and the new
   * stream (or the handshake's failure) owns the connection.
   */
  public CompletableFuture<ChannelStream> startTls(TlsOptions options, String peerHost,
      int peerPort) {
    loop.checkInLoop("startTls");
    if (lifecycle.state() != State.OPEN || reads.isPending() || reads.buffer.size() > 0
        || writes.hasPending()) {
      throw new IllegalStateException("startTls needs an open, idle stream with nothing "
          + "buffered: " + this);
    }
    lifecycle.handOver();
    events.detach();
    log.debug("stream to {} handed over to TLS for {}", peerName(), peerHost);
    return TlsHandshake.client(loop, transport, options, peerHost, peerPort,
        reads.capBytes);
  }

  /**
   * Reads up to and including the first {@code delimiter}. Fails with {@link
   * ReadBufferOverflowException}, and closes the stream, when {@code maxBytes} (or the read buffer
   * cap, if lower) are buffered without it.
   */
  public CompletableFuture<Buffer> readUntil(ByteString delimiter, long maxBytes) {
    loop.checkInLoop("readUntil");
    if (delimiter.size() == 0 || maxBytes < delimiter.size()) {
      throw new IllegalArgumentException("need a delimiter no longer than maxBytes: "
          + delimiter.size() + " > " + maxBytes);
    }
    return startFutureRead(new ReadOp.DelimiterRead(delimiter, Math.min(maxBytes, reads.capBytes)));
  }

  /**
   * Reads exactly {@code byteCount} bytes. Fails at once with {@link ReadBufferOverflowException}
   * (the stream stays open) when that is more than the read buffer cap.
   */
  public CompletableFuture<Buffer> readBytes(long byteCount) {
    loop.checkInLoop("readBytes");
    if (byteCount < 0) {
      throw new IllegalArgumentException("byteCount < 0: " + byteCount);
    }
    reads.checkNonePending();
    if (byteCount > reads.capBytes) {
      return CompletableFuture.failedFuture(new ReadBufferOverflowException(reads.capBytes));
    }
    if (byteCount == 0) {
      return CompletableFuture.completedFuture(new Buffer());
    }
    return startFutureRead(new ReadOp.CountRead(byteCount));
  }

  /**
   * Reads everything until the peer closes cleanly. Fails with {@link
   * ReadBufferOverflowException}, and closes the stream, when the read buffer cap fills first.
   */
  public CompletableFuture<Buffer> readUntilClose() {
    loop.checkInLoop("readUntilClose");
    return startFutureRead(new ReadOp.CloseRead());
  }

  /**
   * Hands bytes to {@code consumer} as they arrive until the stream ends; this read stays pending
   * until then. Use {@link #pauseReading()} and {@link #resumeReading()} for backpressure.
   */
  public void readStream(StreamConsumer consumer) {
    loop.checkInLoop("readStream");
    Objects.requireNonNull(consumer, "consumer");
    startRead(new ReadOp.ListenerRead(new ReadOp.ChunkingListener(consumer)));
  }

  /**
   * Lets {@code listener} consume straight from this stream's read buffer after every socket read,
   * until it returns false from {@link ReadListener#onReadable} or the stream ends. When bytes are
   * already buffered the listener is called before this method returns.
   */
  public void readWith(ReadListener listener) {
    loop.checkInLoop("readWith");
    Objects.requireNonNull(listener, "listener");
    reads.checkNonePending();
    // Not pending, so the previous listener read is uninstalled: one per stream, not per call.
    listenerRead = listenerRead == null ? new ReadOp.ListenerRead(listener)
        : listenerRead.reuse(listener);
    startRead(listenerRead);
  }

  /**
   * Stops reading from the socket and delivering to the pending read until {@link
   * #resumeReading()}. Bytes already buffered stay buffered. A failure is still reported at once.
   */
  public void pauseReading() {
    loop.checkInLoop("pauseReading");
    reads.pause();
    events.updateInterest();
  }

  /** Delivers what was buffered while paused, then reads from the socket again. */
  public void resumeReading() {
    loop.checkInLoop("resumeReading");
    reads.resume();
    events.updateInterest();
  }

  /** True between {@link #pauseReading()} and {@link #resumeReading()}. */
  public boolean isReadingPaused() {
    return reads.isPaused();
  }

  /**
   * Queues every byte of {@code data}, which this stream takes (it is left empty), and writes as
   * much as the socket accepts now. The future completes once all of it was written to the
   * socket, or fails when the stream fails or closes first.
   */
  public CompletableFuture<Void> write(Buffer data) {
    WriteSide.WriteFuture future = new WriteSide.WriteFuture();
    write(data, future);
    return future;
  }

  /**
   * Like {@link #write(Buffer)} without a future: {@code listener} (which may be null) hears when
   * the bytes were written or the write failed.
   */
  public void write(Buffer data, WriteListener listener) {
    loop.checkInLoop("write");
    if (lifecycle.refuseWrite(listener)) {
      data.clear();
      return;
    }
    writes.enqueue(data, listener);
    flushUnlessWaiting();
  }

  private void flushUnlessWaiting() {
    if (!events.hasWriteInterest()) {
      events.flushWrites();
    }
  }

  /** True when {@link #writeFile} may be used: plain TCP, not TLS (which encrypts in the heap). */
  public boolean canWriteFiles() {
    return transport.canTransferFiles();
  }

  /**
   * Like {@link #write(Buffer, WriteListener)} for {@code byteCount} bytes of {@code file} from
   * {@code position}, which the kernel sends from the file as the socket takes them (sendfile),
   * never copying them into the heap; the stream fails with an {@code EOFException} when the file
   * ends first. The caller closes the file once the listener heard. Only when {@link
   * #canWriteFiles()}; a file on a slow disk holds up the loop while the kernel reads it.
   */
  public void writeFile(FileChannel file, long position, long byteCount, WriteListener listener) {
    loop.checkInLoop("writeFile");
    Objects.requireNonNull(file, "file");
    // The caller closes the file when the listener hears; without one, nobody would.
    Objects.requireNonNull(listener, "listener");
    if (!canWriteFiles() || position < 0 || byteCount < 0) {
      throw new IllegalArgumentException(canWriteFiles() ? "negative position or byteCount"
          : "writeFile on a stream that cannot write files (TLS)");
    }
    if (!lifecycle.refuseWrite(listener)) {
      writes.enqueueFile(file, position, byteCount, listener);
      flushUnlessWaiting();
    }
  }

  /** Bytes queued by writes and not yet written to the socket. */
  public long pendingWriteBytes() {
    return writes.pendingBytes();
  }

  /** Bytes read from the socket and not yet taken by a read. */
  public long bufferedBytes() {
    return reads.buffer.size();
  }

  /** The most bytes this stream buffers. */
  public long readBufferCapBytes() {
    return reads.capBytes;
  }

  /** Bytes read from the socket since the stream opened. */
  public long bytesRead() {
    return reads.bytesRead();
  }

  /** Bytes written to the socket since the stream opened. */
  public long bytesWritten() {
    return writes.writtenTotal();
  }

  /** The peer's address, or null when the channel was not connected when the stream opened. */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** The loop that owns this stream. */
  public EventLoop loop() {
    return loop;
  }

  /** What the TLS handshake negotiated; null for a plain stream. */
  public TlsInfo tlsInfo() {
    return transport.tlsInfo();
  }

  /**
   * True when the TLS peer ended the connection without close_notify (which still reads as its
   * clean close), so a body framed by the connection's end may be cut short.
   */
  public boolean isTruncatedTls() {
    return transport.isTruncated();
  }

  /** True until the stream closes, also after the peer ended its input in a half close. */
  public boolean isOpen() {
    return lifecycle.state() != State.CLOSED;
  }

  /**
   * Keeps the stream open for writing when the peer ends its output, instead of closing it; loop
   * thread only. Reads then end as at the peer's clean close (the pending one at once, which is
   * how the owner hears of it; later ones once they took what is buffered), the socket is no
   * longer read, writes still go out, and {@link #isInputEnded()} is true until {@link #close()}
   * or a write failure closes the stream. Over TLS the end is close_notify, or a FIN without it;
   * TLS 1.2 ends both directions with close_notify, so there the stream still closes.
   */
  public void allowHalfClose() {
    loop.checkInLoop("allowHalfClose");
    events.allowHalfClose();
  }

  /** True when the peer ended its output and the stream stays open for writes. */
  public boolean isInputEnded() {
    return lifecycle.state() == State.INPUT_ENDED;
  }

  /**
   * True when the stream is open with no read pending and nothing buffered, after one
   * non-blocking read that notices a close or stray bytes the loop has not dispatched yet: the
   * check a pool makes before it reuses an idle connection.
   */
  public boolean isHealthy() {
    loop.checkInLoop("isHealthy");
    if (lifecycle.state() == State.OPEN && !reads.isPending()) {
      events.readFromSocket();
      events.updateInterest();
    }
    return lifecycle.state() == State.OPEN && !reads.isPending()
        && reads.buffer.size() == 0;
  }

  /**
   * Closes the stream and its channel; idempotent. Pending operations fail with a {@link
   * StreamClosedException}, buffered bytes are discarded, and close listeners hear null.
   */
  public void close() {
    loop.checkInLoop("close");
    lifecycle.terminate(StreamClosedException.closedLocally(), null);
  }

  /**
   * Calls {@code listener} once when the stream closes, with the cause: null after {@link
   * #close()}, a {@link StreamClosedException} when the peer closed, the failure otherwise. When
   * the stream is already closed it is called at once. A listener that throws is logged.
   */
  public void addCloseListener(Consumer<Throwable> listener) {
    loop.checkInLoop("addCloseListener");
    lifecycle.addCloseListener(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public String toString() {
    return "ChannelStream{" + peerName() + ", " + lifecycle.state() + "}";
  }

  /** The one path to CLOSED for every failure. */
  void fail(Throwable cause) {
    lifecycle.terminate(cause, cause);
  }

  /** The peer ended its output and a half close is allowed: reads end, writes go on. */
  void inputEnded() {
    lifecycle.inputEnded();
  }

  private CompletableFuture<Buffer> startFutureRead(ReadOp.FutureRead op) {
    startRead(op);
    return op.future;
  }

  private void startRead(ReadOp op) {
    reads.start(op);
    events.updateInterest();
  }

  /** The peer's address as logs show it. */
  String peerName() {
    return remoteAddress == null ? "unconnected" : SocketAddresses.format(remoteAddress);
  }
}
