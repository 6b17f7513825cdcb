package io.gust.server;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import okio.Buffer;
import okio.ByteString;

/**
 * The body of {@link Response#file}. The exchange {@link #open opens} the file on the loop and
 * announces its size as the Content-Length. Over plain HTTP the kernel then sends it from the
 * page cache (sendfile), as nginx does: opening a file and sending it from the cache take
 * microseconds, though a cold file on a slow disk holds up the loop while it is read. Over HTTPS,
 * where every byte must pass through the heap to be encrypted, {@link #pieces} streams it: each
 * piece of at most {@link #PIECE_BYTES} (one TLS record) is read on the executor into okio's
 * pooled segments and written on the loop, and the next read starts once the socket took the
 * previous piece, so a slow client holds one piece. A file that shrinks meanwhile cuts the body
 * short (the connection closes); one that grows is sent up to its announced size.
 */
final class FileBody {
  /** The most bytes read per piece on the streamed path. */
  static final int PIECE_BYTES = 16 * 1024;

  private final Path file;
  private final Executor executor;

  FileBody(Path file, Executor executor) {
    this.file = file;
    this.executor = executor;
  }

  Response response(String contentType) {
    return Response.file(200, this).withHeader("Content-Type", contentType);
  }

  /** Opens the file for reading; the caller closes it. */
  FileChannel open() throws IOException {
    return FileChannel.open(file, StandardOpenOption.READ);
  }

  /** The first {@code byteCount} bytes of the file, read in pieces on the executor. */
  StreamingBody pieces(long byteCount) {
    return writer -> readFrom(writer, 0, byteCount);
  }

  private void readFrom(BodyWriter writer, long position, long end) {
    if (position == end) {
      writer.close();
      return;
    }
    writer.loop().runInExecutor(executor, () -> readPiece(position, end))
        .whenComplete((piece, e) -> {
          if (e != null) {
            writer.abort(e);
            return;
          }
          writer.write(piece).whenComplete((ignored, writeError) -> {
            if (writeError == null) {
              readFrom(writer, position + piece.size(), end);
            }
          });
        });
  }

  /** Reads the piece at {@code position} into pooled segments; EOFException past the end. */
  private ByteString readPiece(long position, long end) throws IOException {
    try (FileChannel channel = open()) {
      channel.position(position);
      Buffer piece = new Buffer();
      piece.readFrom(Channels.newInputStream(channel), Math.min(PIECE_BYTES, end - position));
      return piece.readByteString();
    }
  }
}
