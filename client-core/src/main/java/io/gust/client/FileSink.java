package io.gust.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import okio.Buffer;

/**
 * Writes the body into a new file beside the target and renames it over the target at the end.
 * Every file operation is a task on the client's file threads, chained after the one before, so
 * they run in order and one at a time; the loop only queues them. Reading pauses while more than
 * {@link #MAX_QUEUED_BYTES} wait to be written.
 */
final class FileSink extends BodySink {
  private static final long MAX_QUEUED_BYTES = 1024 * 1024;

  private final Path target;
  /** The last file task queued. Loop-confined reference. */
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
  /** Bytes handed to write tasks and not yet written. */
  private final AtomicLong queuedBytes = new AtomicLong();
  /** The temporary file and its channel; touched only by the chained file tasks. */
  private Path temp;
  private FileChannel channel;
  private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);

  FileSink(Path target) {
    this.target = target;
  }

  @Override
  void start(HttpResponse head) {
    then(this::open);
  }

  @Override
  CompletionStage<?> onData(Buffer chunk) {
    if (tail.isCompletedExceptionally()) {
      return tail;
    }
    long size = chunk.size();
    queuedBytes.addAndGet(size);
    then(() -> {
      write(chunk);
      queuedBytes.addAndGet(-size);
    });
    return queuedBytes.get() > MAX_QUEUED_BYTES ? tail : null;
  }

  @Override
  CompletionStage<?> finish() {
    then(this::commit);
    return tail;
  }

  @Override
  CompletionStage<?> abort(HttpClientException error) {
    tail = tail.handleAsync((ignored, earlier) -> {
      removeTemp();
      return null;
    }, files);
    return tail;
  }

  private void then(IoTask task) {
    tail = tail.thenRunAsync(() -> {
      try {
        task.run();
      } catch (IOException e) {
        throw new CompletionException(e); // the stage then fails with the IOException itself
      }
    }, files);
  }

  private void open() throws IOException {
    Path name = target.getFileName();
    Path created = target.resolveSibling("." + name + "." + MultipartBody.randomToken() + ".part");
    channel = FileChannel.open(created, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    temp = created; // only a file this sink created is ever removed
  }

  private void write(Buffer chunk) throws IOException {
    while (chunk.size() > 0) {
      scratch.clear();
      chunk.read(scratch);
      scratch.flip();
      while (scratch.hasRemaining()) {
        channel.write(scratch);
      }
    }
  }

  private void commit() throws IOException {
    channel.close();
    channel = null;
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    temp = null;
  }

  private void removeTemp() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // The file is deleted next; what a failed close may have lost goes with it.
    }
    channel = null;
    try {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new CompletionException(e);
    }
    temp = null;
  }

  /** A file operation that may throw. */
  @FunctionalInterface
  private interface IoTask {
    void run() throws IOException;
  }
}
