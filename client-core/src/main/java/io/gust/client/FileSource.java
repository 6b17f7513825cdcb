package io.gust.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import okio.Buffer;

/**
 * A request body file being sent: opened, sized and read in chunks on the client's file executor,
 * never on the loop. One read at a time, so the fields need no locks: each executor task
 * happens-after the loop work that started it.
 */
final class FileSource {
  private static final int CHUNK_BYTES = 64 * 1024;

  private final FileChannel channel;
  final long size;
  private long position;

  private FileSource(FileChannel channel, long size) {
    this.channel = channel;
    this.size = size;
  }

  /** Opens {@code path} and takes its size; blocks, so runs on the file executor. */
  static FileSource open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new FileSource(channel, channel.size());
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  /** Reads the next chunk; blocks. Fails when the file got shorter than its size. */
  Buffer readChunk() throws IOException {
    int want = (int) Math.min(CHUNK_BYTES, size - position);
    ByteBuffer bytes = ByteBuffer.allocate(want);
    while (bytes.hasRemaining()) {
      if (channel.read(bytes, position + bytes.position()) < 0) {
        throw new IOException("request body file shrank while it was sent");
      }
    }
    position += want;
    Buffer chunk = new Buffer();
    chunk.write(bytes.flip());
    return chunk;
  }

  boolean isDone() {
    return position >= size;
  }

  void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing was written through this channel; a failed close loses nothing.
    }
  }
}
