package io.gust.samples;

import io.gust.client.Headers;
import io.gust.client.HttpResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okio.ByteString;

/**
 * Where {@code fetch} writes: response heads (for -i and -D), the body (stdout or -o) and the
 * progress bar, all on one writer thread of its own so that the loop thread never blocks on a
 * pipe or a disk. Each write returns a future that completes once the bytes were handed to the
 * stream; the body callback returns it, so a slow consumer slows the download (backpressure)
 * instead of filling the heap.
 *
 * <p>With -i or -I the heads go where the body goes (stdout, or the -o file before the body), as
 * curl writes them; -D - sends them to stdout whatever -o says. The -o file is created at its
 * first byte, or empty when a transfer without body succeeded, as curl does. A write failure is
 * kept and reported as curl's exit 23.
 *
 * <p>-o deliberately does not use the client's {@code BodySink.toFile}: that sink writes a
 * temporary file and renames it into place only on success, while curl writes the named file
 * progressively and leaves what arrived when a transfer fails (removing it only with
 * {@code --remove-on-error}), which scripts and resumed downloads rely on. The command keeps
 * curl's behaviour; applications that want all-or-nothing downloads use the sink.
 */
final class FetchOutput implements AutoCloseable {
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(DaemonThreads.named("fetch-output"));
  private final OutputStream stdout;
  private final boolean headersToStdout;
  /** -i or -I: heads are written to the body's stream, ahead of the body. */
  private final boolean headersWithBody;
  private final Path bodyFile;
  private final Path headerFile;
  /** The -o stream, opened at the first body byte. Writer-thread confined. */
  private OutputStream body;
  /** The -D stream, opened at the first head. Writer-thread confined. */
  private OutputStream headers;
  /** The first write failure; set on the writer thread, read after {@link #drain}. */
  private volatile IOException failure;

  FetchOutput(OutputStream stdout, CurlOptions options) {
    this.stdout = stdout;
    this.headersToStdout = options.dumpHeadersToStdout;
    this.headersWithBody = options.includeHeaders || options.head;
    this.bodyFile = options.output;
    this.headerFile = options.dumpHeaders;
  }

  /** Writes a response head as curl shows it: status line, fields, empty line, all CRLF. */
  CompletableFuture<Void> head(HttpResponse head) {
    byte[] bytes = format(head).getBytes(StandardCharsets.ISO_8859_1);
    return submit(() -> writeHead(bytes));
  }

  /**
   * Writes head lines to each place heads go, line by line as curl does, so that -i and -D -
   * together interleave on stdout the way curl's output does.
   */
  private void writeHead(byte[] bytes) throws IOException {
    if (headerFile != null && headers == null) {
      headers = new BufferedOutputStream(Files.newOutputStream(headerFile));
    }
    for (int start = 0, end; start < bytes.length; start = end) {
      end = start;
      while (end < bytes.length && bytes[end++] != '\n') {
        // find the end of the line
      }
      if (headersWithBody) {
        bodyStream().write(bytes, start, end - start);
      }
      if (headersToStdout) {
        stdout.write(bytes, start, end - start);
      }
      if (headers != null) {
        headers.write(bytes, start, end - start);
      }
    }
  }

  /** Writes a chunked body's trailers where the heads go, with no empty line after, as curl. */
  CompletableFuture<Void> trailers(Headers trailers) {
    if (trailers.size() == 0) {
      return CompletableFuture.completedFuture(null);
    }
    byte[] bytes = fields(new StringBuilder(), trailers).toString()
        .getBytes(StandardCharsets.ISO_8859_1);
    return submit(() -> writeHead(bytes));
  }

  /** Writes a piece of the body to -o or stdout. */
  CompletableFuture<Void> body(ByteString chunk) {
    return submit(() -> bodyStream().write(chunk.toByteArray()));
  }

  /** Writes text to stdout after everything before it (for -w). */
  CompletableFuture<Void> text(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return submit(() -> stdout.write(bytes));
  }

  /** Runs {@code task} on the writer thread, after every write before it (for the progress bar). */
  void later(Runnable task, PrintStream stderr) {
    writer.execute(() -> {
      task.run();
      stderr.flush();
    });
  }

  static String format(HttpResponse head) {
    StringBuilder text = new StringBuilder(256);
    text.append(head.protocol()).append(' ').append(head.code());
    if (!head.reason().isEmpty()) {
      text.append(' ').append(head.reason());
    } else if (head.protocol() == io.gust.client.Protocol.HTTP_2) {
      text.append(' ');
    }
    text.append("\r\n");
    return fields(text, head.headers()).append("\r\n").toString();
  }

  private static StringBuilder fields(StringBuilder text, Headers fields) {
    for (int i = 0; i < fields.size(); i++) {
      text.append(fields.name(i)).append(": ").append(fields.value(i)).append("\r\n");
    }
    return text;
  }

  private OutputStream bodyStream() throws IOException {
    if (bodyFile == null) {
      return stdout;
    }
    if (body == null) {
      body = new BufferedOutputStream(Files.newOutputStream(bodyFile), 64 * 1024);
    }
    return body;
  }

  /** An I/O action on the writer thread. */
  private interface Write {
    void run() throws IOException;
  }

  private CompletableFuture<Void> submit(Write write) {
    return CompletableFuture.runAsync(() -> {
      if (failure != null) {
        throw new java.io.UncheckedIOException(failure);
      }
      try {
        write.run();
      } catch (IOException e) {
        failure = e;
        throw new java.io.UncheckedIOException(e);
      }
    }, writer);
  }

  /**
   * Blocks until every write so far is done and flushed; on success also creates the empty -o
   * file of a bodiless transfer. Returns the first write failure, or null.
   */
  IOException drain(boolean success) {
    submit(() -> {
      if (success && bodyFile != null) {
        bodyStream();
      }
      for (OutputStream stream : new OutputStream[] {body, headers, stdout}) {
        if (stream != null) {
          stream.flush();
        }
      }
    }).exceptionally(e -> null).join();
    return failure;
  }

  /** Closes the files and stops the writer thread; stdout stays open. */
  @Override
  public void close() {
    submit(() -> {
      for (OutputStream stream : new OutputStream[] {body, headers}) {
        if (stream != null) {
          stream.close();
        }
      }
    }).exceptionally(e -> null).join();
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
