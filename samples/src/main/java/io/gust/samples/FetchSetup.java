package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.ContentCoding;
import io.gust.client.TlsOptions;
import io.gust.loop.BlockedLoopListener;
import io.gust.loop.EventLoop;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code fetch} prepares on the main thread before the transfer starts: the TLS options of
 * -k, --cacert, --cert and --key, the loop the client runs on, and the start-up work that would
 * otherwise hold that loop (loading the client's classes; for an https URL, initialising the TLS
 * context and the JDK's handshake code by making one throwaway ClientHello). A plain http URL
 * without TLS options builds no TLS context here: the client's default one is looked up only if
 * a redirect leads to https.
 *
 * <p>Under -s the loop's watchdog reports at DEBUG rather than as a WARN on stderr, so that a
 * loop starved of CPU on a busy machine cannot add to the output of a silent fetch. Closing
 * closes the loop.
 */
final class FetchSetup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FetchSetup.class);
  /** The client's packages, whose classes the loop thread would otherwise load. */
  private static final List<String> CLIENT_PACKAGES =
      List.of("io/gust/loop/", "io/gust/net/", "io/gust/http/", "io/gust/client/");

  final TlsOptions tls;
  /** Why the TLS options could not be made (a bad --cacert or --cert), or null. */
  final CurlError tlsProblem;
  final EventLoop loop;

  private FetchSetup(TlsOptions tls, CurlError tlsProblem, EventLoop loop) {
    this.tls = tls;
    this.tlsProblem = tlsProblem;
    this.loop = loop;
  }

  /** Prepares a fetch that starts at a URL with {@code https} or not. */
  static FetchSetup prepare(CurlOptions options, boolean https) {
    TlsSettings.ClientTls client = null;
    CurlError problem = null;
    try {
      if (https || options.insecure || options.caCert != null || options.clientCert != null) {
        client = TlsSettings.ClientTls.of(options.insecure, options.caCert, clientKeys(options));
      }
    } catch (CurlOptions.UsageException e) {
      problem = new CurlError(CurlError.CA_CERT_BAD_FILE, e.getMessage());
    } catch (IOException | GeneralSecurityException e) {
      problem = new CurlError(CurlError.CLIENT_CERT_PROBLEM,
          "could not load PEM client certificate (" + e.getMessage() + ")");
    }
    loadClientClasses();
    if (https && client != null) {
      sayHello(client);
    }
    EventLoop.Builder loop = EventLoop.builder();
    if (options.silent) {
      loop.blockedLoopListener(QUIET);
    }
    return new FetchSetup(client != null ? client.options() : PLAIN, problem, loop.build());
  }

  /**
   * The codings fetch asks for and decodes: with {@code --compressed} every one this JVM can
   * decode, in curl's order (deflate, gzip, br, zstd); otherwise the client's default.
   */
  static ContentCoding[] codings(CurlOptions options) {
    Stream<ContentCoding> codings = options.compressed
        ? Stream.of(ContentCoding.DEFLATE, ContentCoding.GZIP, ContentCoding.BR, ContentCoding.ZSTD)
        : Stream.of(ContentCoding.GZIP, ContentCoding.DEFLATE);
    return codings.filter(ContentCoding::isAvailable).toArray(ContentCoding[]::new);
  }

  /**
   * The TLS options of a fetch that starts at a plain http URL without TLS options: the defaults,
   * without the background warm-up, whose CPU a short fetch would pay for nothing (a redirect to
   * https still works, its handshake loading the TLS code then).
   */
  static final TlsOptions PLAIN = TlsOptions.builder().warmUp(false).build();

  /** The watchdog's report under -s: DEBUG, which the command line's logging leaves out. */
  private static final BlockedLoopListener QUIET = (loop, blockedFor, threshold, stack) ->
      log.debug("{} was held for {} ms (threshold {} ms) at {}", loop.name(),
          blockedFor.toMillis(), threshold.toMillis(), stack.length > 0 ? stack[0] : "?");

  private static KeyManager[] clientKeys(CurlOptions options)
      throws IOException, GeneralSecurityException {
    if (options.clientCert == null) {
      return null;
    }
    Path key = options.clientKey != null ? options.clientKey : options.clientCert;
    return ServerCertificate.keyManagers(options.clientCert, key);
  }

  /**
   * Makes one ClientHello with the fetch's own context and throws it away: the context's
   * initialisation and the JDK's handshake classes and key shares are then paid for here.
   */
  private static void sayHello(TlsSettings.ClientTls client) {
    try {
      SSLEngine engine = client.context().createSSLEngine("localhost", 443);
      engine.setUseClientMode(true);
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(parameters);
      engine.beginHandshake();
      engine.wrap(ByteBuffer.allocate(0),
          ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
      engine.closeOutbound();
    } catch (SSLException | RuntimeException e) {
      log.debug("TLS warm-up failed: {}", e.toString());
    }
  }

  /**
   * Loads and initialises the classes of the client's packages, from its jar or class directory.
   * Best effort: a class that cannot be loaded here is loaded by the loop when it needs it.
   */
  private static void loadClientClasses() {
    ClassLoader loader = AsyncHttpClient.class.getClassLoader();
    for (String name : clientClassNames()) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        log.debug("not preloaded: {} ({})", name, e.toString());
      }
    }
  }

  private static List<String> clientClassNames() {
    try {
      Path location = Path.of(AsyncHttpClient.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      List<String> paths;
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location)) {
          paths = files.map(file -> location.relativize(file).toString().replace('\\', '/'))
              .toList();
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          paths = jar.stream().map(JarEntry::getName).toList();
        }
      }
      return paths.stream().filter(FetchSetup::isClientClass)
          .map(path -> path.substring(0, path.length() - ".class".length()).replace('/', '.'))
          .toList();
    } catch (IOException | URISyntaxException | RuntimeException e) {
      log.debug("cannot list the client's classes: {}", e.toString());
      return List.of();
    }
  }

  private static boolean isClientClass(String path) {
    return path.endsWith(".class") && !path.endsWith("package-info.class")
        && CLIENT_PACKAGES.stream().anyMatch(path::startsWith);
  }

  @Override
  public void close() {
    loop.close();
  }
}
