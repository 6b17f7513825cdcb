package io.gust.samples;

import io.gust.loop.EventLoopGroup;
import io.gust.server.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The {@code serve} command: the companion server with its test routes (among them the WebSocket
 * echo at {@code /ws/echo}) and, with {@code --dir},
 * the files of a directory under every other path. {@code --loops N} spreads connections over N
 * loops (default: one loop of the server's own). Prints its URL and runs until the process is
 * stopped.
 *
 * <p>{@code --tls} serves HTTPS: with {@code --cert PEM --key PEM} that certificate, otherwise a
 * {@link ServerCertificate self-signed one} made at start-up, whose PEM goes to {@code --cert-out
 * FILE} or a temporary file, named on stderr for clients' {@code --cacert}.
 *
 * <p>HTTP/2 is on, as in the server: over {@code --tls} ALPN offers {@code h2} first (curl's
 * {@code --http2}, browsers), and a plain connection that opens with the HTTP/2 preface speaks
 * h2c (curl's {@code --http2-prior-knowledge}); HTTP/1.1 clients see no change. {@code
 * --no-http2} serves HTTP/1.1 only; {@code --max-streams N} sets the streams per connection.
 */
final class ServeCommand {
  private static final String USAGE = "usage: serve [--port N] [--dir DIR] [--loops N]"
      + " [--tls [--cert PEM --key PEM | --cert-out FILE]] [--no-http2] [--max-streams N]";

  private int port = 8080;
  private int loops;
  private Path dir;
  private boolean tls;
  private Path cert;
  private Path key;
  private Path certOut;
  private boolean http2 = true;
  private int maxStreams = 100;

  private ServeCommand() {}

  /**
   * A running {@code serve}: its server and the file readers, closed together, and the PEM file
   * of the certificate it made (null unless it made one).
   */
  record Running(HttpServer server, ExecutorService files, EventLoopGroup group, Path madeCert)
      implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      files.shutdown();
      if (group != null) {
        group.close();
      }
    }
  }

  /** Blocks until the process is stopped: runs {@code serve ARGS}; returns 2 for bad arguments. */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    Running running;
    try {
      running = start(args);
    } catch (IllegalArgumentException | IOException e) {
      err.println("serve: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (running.madeCert() != null) {
      err.println("serve: self-signed certificate for localhost and 127.0.0.1 written to "
          + running.madeCert() + " (trust it with --cacert " + running.madeCert() + ")");
    }
    out.println("serving on " + running.server().url("/"));
    out.println("WebSocket echo on " + running.server().url("/ws/echo").toString()
        .replaceFirst("^http", "ws"));
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "serve-shutdown"));
    new CountDownLatch(1).await();
    return 0;
  }

  /** Starts the server {@code args} describe; port 8080 by default, 0 picks a free one. */
  static Running start(String[] args) throws IOException {
    ServeCommand serve = new ServeCommand();
    serve.parse(args);
    SSLContext context = serve.tls ? serve.sslContext() : null;
    ExecutorService files = Executors.newFixedThreadPool(2, DaemonThreads.named("serve-files"));
    HttpServer.Builder builder = HttpServer.builder().port(serve.port).testRoutes()
        .http2(serve.http2).maxConcurrentStreams(serve.maxStreams);
    if (serve.dir != null) {
      builder.route("GET", "/*", new StaticFiles(serve.dir, files));
    }
    if (context != null) {
      builder.tls(context);
    }
    EventLoopGroup group = serve.loops > 0 ? EventLoopGroup.create(serve.loops) : null;
    if (group != null) {
      builder.loopGroup(group);
    }
    return new Running(builder.build().start(), files, group,
        serve.tls && serve.cert == null ? serve.certOut : null);
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i));
        case "--loops" -> loops = Integer.parseInt(value(args, ++i));
        case "--dir" -> dir = Path.of(value(args, ++i));
        case "--tls" -> tls = true;
        case "--cert" -> cert = Path.of(value(args, ++i));
        case "--key" -> key = Path.of(value(args, ++i));
        case "--cert-out" -> certOut = Path.of(value(args, ++i));
        case "--no-http2" -> http2 = false;
        case "--max-streams" -> maxStreams = Integer.parseInt(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!tls && (cert != null || key != null || certOut != null)) {
      throw new IllegalArgumentException("--cert, --key and --cert-out need --tls");
    }
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("--cert and --key go together");
    }
    if (cert != null && certOut != null) {
      throw new IllegalArgumentException("--cert-out is for a certificate serve makes, not with"
          + " --cert");
    }
  }

  /** The context of --cert and --key, or of a certificate made now and written to --cert-out. */
  private SSLContext sslContext() throws IOException {
    try {
      if (cert != null) {
        return ServerCertificate.load(cert, key);
      }
      if (certOut == null) {
        certOut = Files.createTempFile("gust-serve-", ".pem");
      }
      return ServerCertificate.selfSigned(certOut);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the certificate: " + e.getMessage());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file: " + e.getFile());
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
