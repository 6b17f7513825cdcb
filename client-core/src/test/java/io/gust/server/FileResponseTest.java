package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.testing.TlsCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Response#file}: sendfile over plain HTTP (the executor never runs), the buffered path
 * over HTTPS, the announced length, and files that vanish, shrink, or meet a client that stops
 * reading.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileResponseTest {
  @TempDir Path dir;
  private final EventLoop loop = EventLoop.create();
  /** Counts the reads the buffered path runs off the loop. */
  private final AtomicInteger offLoopReads = new AtomicInteger();
  private final Executor counting = task -> {
    offLoopReads.incrementAndGet();
    ForkJoinPool.commonPool().execute(task);
  };

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private HttpServer.Builder serving(Path file) {
    return HttpServer.builder().loop(loop)
        .get("/file", request -> Response.file(file, "application/octet-stream", counting));
  }

  private Path randomFile(int size) throws IOException {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    return Files.write(dir.resolve("data-" + size + ".bin"), content);
  }

  /** A sparse file of {@code size} zero bytes, made at once. */
  private Path sparseFile(long size) throws IOException {
    Path file = dir.resolve("sparse.bin");
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.setLength(size);
    }
    return file;
  }

  @Test
  void plainHttpSendsALargeFileByteExactWithItsLengthAndNoReadOffTheLoop() throws Exception {
    Path file = randomFile(5 * 1024 * 1024 + 17);
    try (HttpServer server = serving(file).build().start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < 2; i++) { // the second on the same connection
        HttpResponse<byte[]> response = client.send(
            HttpRequest.newBuilder(server.url("/file")).build(), BodyHandlers.ofByteArray());
        assertEquals(String.valueOf(Files.size(file)),
            response.headers().firstValue("Content-Length").orElse(null));
        assertArrayEquals(Files.readAllBytes(file), response.body());
      }
      assertEquals(1, server.acceptedConnections());
      assertEquals(0, offLoopReads.get(), "plain HTTP must not read the file into the heap");
    }
  }

  @Test
  void headAndAnEmptyFileAnnounceTheirLengthWithoutABody() throws Exception {
    Path file = randomFile(1000);
    Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);
    try (HttpServer server = serving(file)
        .get("/empty", request -> Response.file(empty, "text/plain", counting)).build().start();
        RawConnection raw = new RawConnection(server)) {
      String answer = raw.send("HEAD /file HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClose();
      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n") && answer.contains(
          "Content-Length: 1000\r\n"), answer);
      int second = answer.indexOf("HTTP/1.1 200 OK", 1);
      assertTrue(second > 0 && answer.substring(0, second).endsWith("\r\n\r\n"), answer);
      assertTrue(answer.substring(second).contains("Content-Length: 0\r\n")
          && answer.endsWith("\r\n\r\n"), answer);
    }
  }

  @Test
  void aFileGoneBeforeTheAnswerIs404() throws Exception {
    try (HttpServer server = serving(dir.resolve("missing.bin")).build().start();
        RawConnection raw = new RawConnection(server)) {
      String answer = raw.send("GET /file HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .readUntilClose();
      assertTrue(answer.startsWith("HTTP/1.1 404 "), answer);
    }
  }

  @Test
  void httpsReadsTheFileOffTheLoopInPiecesByteExact() throws Exception {
    Path file = randomFile(300_000);
    try (HttpServer server = serving(file)
        .tls(TlsCertificates.serverContext(TlsCertificates.SERVER)).build().start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .sslContext(TlsCertificates.clientContext()).build();
      HttpResponse<byte[]> response = client.send(
          HttpRequest.newBuilder(server.url("/file")).build(), BodyHandlers.ofByteArray());
      assertEquals("300000", response.headers().firstValue("Content-Length").orElse(null));
      assertArrayEquals(Files.readAllBytes(file), response.body());
      int pieces = (300_000 + FileBody.PIECE_BYTES - 1) / FileBody.PIECE_BYTES;
      assertEquals(pieces, offLoopReads.get());
    }
  }

  @Test
  void aFileThatShrinksWhileSentCutsTheBodyShortAndIsClosed() throws Exception {
    long size = 256L * 1024 * 1024;
    Path file = sparseFile(size);
    try (HttpServer server = serving(file).build().start();
        Socket socket = stalledClient(server)) {
      InputStream in = socket.getInputStream();
      in.readNBytes(64 * 1024); // the transfer is under way
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate(1024 * 1024);
      }
      long received = 64 * 1024 + drain(in);
      assertTrue(received < size, "received " + received + " of " + size);
      assertEquals(0, awaitNoConnections(server));
      assertEquals(0, openDescriptorsTo(file));
    }
  }

  @Test
  void aClientThatStopsReadingIsGivenUpWithoutTheFileInTheHeap() throws Exception {
    long size = 256L * 1024 * 1024;
    Path file = sparseFile(size);
    long loopThread = CompletableFuture.supplyAsync(() -> Thread.currentThread().getId(), loop)
        .get(5, TimeUnit.SECONDS);
    long allocatedBefore = allocated(loopThread);
    try (HttpServer server = serving(file).bodyReadTimeout(Duration.ofMillis(300)).build()
        .start();
        Socket socket = stalledClient(server)) {
      socket.getInputStream().readNBytes(1024); // the response is under way; then no more
      assertEquals(0, awaitNoConnections(server), "the stalled response was not given up");
      long allocated = allocated(loopThread) - allocatedBefore;
      assertTrue(allocated < 8 * 1024 * 1024, "the loop allocated " + allocated + " bytes");
      assertEquals(0, openDescriptorsTo(file));
      assertTrue(drain(socket.getInputStream()) < size);
    }
  }

  /** A client with a small receive window that asks for /file and reads nothing yet. */
  private static Socket stalledClient(HttpServer server) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(16 * 1024);
    socket.connect(new InetSocketAddress(server.address().getAddress(), server.port()), 5000);
    socket.setSoTimeout(20_000);
    OutputStream out = socket.getOutputStream();
    out.write("GET /file HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return socket;
  }

  /** Reads until the end of input or a reset; the bytes read. */
  private static long drain(InputStream in) {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    } catch (IOException e) {
      // a reset still ends the body
    }
    return total;
  }

  private static int awaitNoConnections(HttpServer server) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.openConnections() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
    return server.openConnections();
  }

  /** The descriptors of this process open on {@code file} (Linux /proc; 0 elsewhere). */
  private int openDescriptorsTo(Path file) throws Exception {
    // The close listener that closes the file runs in the loop task that closed the connection.
    CompletableFuture.runAsync(() -> { }, loop).get(5, TimeUnit.SECONDS);
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return 0;
    }
    Path real = file.toRealPath();
    int count = 0;
    try (var entries = Files.list(fds)) {
      for (Path fd : (Iterable<Path>) entries::iterator) {
        try {
          count += Files.readSymbolicLink(fd).equals(real) ? 1 : 0;
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    return count;
  }

  /** The heap {@code threadId} allocated so far (HotSpot's ThreadMXBean, through reflection). */
  private static long allocated(long threadId) throws Exception {
    return (long) Class.forName("com.sun.management.ThreadMXBean")
        .getMethod("getThreadAllocatedBytes", long.class)
        .invoke(ManagementFactory.getThreadMXBean(), threadId);
  }
}
