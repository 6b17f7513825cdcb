package io.gust.client;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import okio.ByteString;

/**
 * Writes a {@link MultipartBody} part after part, each write waiting for the previous one to reach
 * the socket. Files are opened and read on the file executor; everything else happens where the
 * writer's stages complete (the loop). Each {@link #produce} call is one independent upload.
 */
final class MultipartProducer implements OffLoopProducer {
  private static final ByteString CRLF = ByteString.encodeUtf8("\r\n");

  /** One part: its delimiter and header fields, and its content. */
  static final class Part {
    final ByteString head;
    final RequestBody content;
    /** The content's length as seen by build(), or -1 when unknown. */
    long length = -1;

    Part(ByteString head, RequestBody content) {
      this.head = head;
      this.content = content;
    }
  }

  private final List<Part> parts;
  private final ByteString closing;

  MultipartProducer(List<Part> parts, ByteString closing) {
    this.parts = parts;
    this.closing = closing;
  }

  @Override
  public void produce(BodyWriter writer, Executor files) {
    new Upload(writer, files).nextPart();
  }

  /** One sending of the body. Steps run one after another, so its fields need no locks. */
  private final class Upload {
    private final BodyWriter out;
    private final Executor files;
    private int index;
    private FileSource file;

    Upload(BodyWriter out, Executor files) {
      this.out = out;
      this.files = files;
    }

    void nextPart() {
      if (index == parts.size()) {
        then(out.write(closing), out::end);
        return;
      }
      Part part = parts.get(index++);
      then(out.write(part.head), () -> content(part));
    }

    private void content(Part part) {
      RequestBody body = part.content;
      switch (body.kind()) {
        case BYTES:
          then(out.write(body.bytes()), this::endPart);
          break;
        case FILE:
          offLoop(() -> FileSource.open(body.path()), (opened, error) -> fileOpened(part, opened, error));
          break;
        default:
          body.producer().produce(new PartWriter());
      }
    }

    private void endPart() {
      then(out.write(CRLF), this::nextPart);
    }

    private void fileOpened(Part part, FileSource opened, Throwable error) {
      if (error != null) {
        out.fail(error);
      } else if (part.length >= 0 && opened.size != part.length) {
        opened.close();
        out.fail(new IOException("file part " + part.content.path().getFileName()
            + " changed size after the body was built: " + part.length + " -> " + opened.size));
      } else {
        file = opened;
        nextChunk();
      }
    }

    private void nextChunk() {
      if (file.isDone()) {
        closeFile();
        endPart();
        return;
      }
      offLoop(file::readChunk, (chunk, error) -> {
        if (error != null) {
          closeFile();
          out.fail(error);
        } else {
          then(out.write(chunk.readByteString()), this::nextChunk);
        }
      });
    }

    /** Runs {@code step} once {@code written} succeeded; a failed write means the exchange ended. */
    private void then(CompletionStage<Void> written, Runnable step) {
      written.whenComplete((ignored, error) -> {
        if (error == null) {
          step.run();
        } else {
          closeFile();
        }
      });
    }

    private <T> void offLoop(Callable<T> work, BiConsumer<T, Throwable> done) {
      try {
        files.execute(() -> {
          T result;
          try {
            result = work.call();
          } catch (Exception e) {
            done.accept(null, e);
            return;
          }
          done.accept(result, null);
        });
      } catch (RejectedExecutionException e) {
        closeFile();
        out.fail(e);
      }
    }

    private void closeFile() {
      if (file != null) {
        file.close();
        file = null;
      }
    }

    /** Where a producer part writes: its chunks go on, its end moves to the next part. */
    private final class PartWriter implements BodyWriter {
      @Override
      public CompletionStage<Void> write(ByteString chunk) {
        return out.write(chunk);
      }

      @Override
      public void end() {
        endPart();
      }

      @Override
      public void fail(Throwable cause) {
        out.fail(cause);
      }
    }
  }
}
