package io.gust.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import okio.ByteString;

/**
 * Streams a file: each 64 KiB piece is read on an executor (file I/O never runs on the loop),
 * written on the loop, and the next read starts once the socket took the previous piece.
 */
final class FileBody implements StreamingBody {
  private static final int PIECE_BYTES = 64 * 1024;

  private final Path file;
  private final Executor executor;

  FileBody(Path file, Executor executor) {
    this.file = file;
    this.executor = executor;
  }

  Response response(String contentType) {
    return Response.streaming(200, this).withHeader("Content-Type", contentType);
  }

  @Override
  public void start(BodyWriter writer) {
    readFrom(writer, 0);
  }

  private void readFrom(BodyWriter writer, long position) {
    writer.loop().runInExecutor(executor, () -> readPiece(position)).whenComplete((piece, e) -> {
      if (e != null) {
        writer.abort(e);
      } else if (piece.size() == 0) {
        writer.close();
      } else {
        writer.write(piece).whenComplete((ignored, writeError) -> {
          if (writeError == null) {
            readFrom(writer, position + piece.size());
          }
        });
      }
    });
  }

  private ByteString readPiece(long position) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(PIECE_BYTES);
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, position + buffer.position());
        if (read < 0) {
          break;
        }
      }
      buffer.flip();
      return ByteString.of(buffer);
    }
  }
}
