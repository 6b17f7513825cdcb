package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.BlockingResolver;
import io.gust.client.FetchTimeoutException;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.client.Phase;
import io.gust.client.Resolver;
import io.gust.client.TlsOptions;
import io.gust.resolver.OverrideResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The {@code fetch} command: a subset of curl's options on Gust's client, with curl's output and
 * exit codes, so that the two can be compared byte for byte.
 *
 * <p>Redirects are followed here, one client fetch per hop, rather than by the client: curl shows
 * every hop's head with -i and -D as it arrives (the client's {@code HttpResponse.previous()}
 * holds them only once the last hop is done), and reports the last hop's status when it gives
 * up after --max-redirs hops, where the client fails without a response. The body streams to
 * the output through a body callback, so a download needs no more heap than a few chunks, and
 * what arrived of a truncated or badly framed body is written before the exit code says so.
 *
 * <p>{@link #run} returns the exit code instead of exiting, so tests can run it in-process.
 */
final class FetchCommand {
  /** curl's default connect timeout; curl has no overall one, and a day stands in for none. */
  private static final Duration CURL_CONNECT_TIMEOUT = Duration.ofSeconds(300);
  private static final Duration NO_MAX_TIME = Duration.ofDays(1);

  private final CurlOptions options;
  private final FetchOutput output;
  private final PrintStream stderr;
  private final long startNanos = System.nanoTime();
  /** The status of the last head received, for -w; 0 until one arrives. */
  private volatile int lastCode;
  private URI effectiveUri;
  private int redirectCount;
  /** Why the --cacert file could not be used, or null. */
  private String caProblem;

  private FetchCommand(CurlOptions options, FetchOutput output, PrintStream stderr) {
    this.options = options;
    this.output = output;
    this.stderr = stderr;
  }

  /** Runs {@code fetch ARGS}, writing to the given streams; returns curl's exit code. */
  static int run(String[] args, OutputStream stdout, PrintStream stderr) {
    CurlOptions options;
    try {
      options = CurlOptions.parse(args, FetchCommand::readFile);
    } catch (CurlOptions.UsageException e) {
      stderr.println("fetch: (" + CurlError.USAGE + ") " + e.getMessage());
      stderr.println("fetch: try 'java -jar gust-samples.jar help' for the options");
      return CurlError.USAGE;
    }
    try (FetchOutput output = new FetchOutput(stdout, options)) {
      return new FetchCommand(options, output, stderr).transfer();
    }
  }

  private static byte[] readFile(String path) throws CurlOptions.UsageException {
    try {
      return path.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(path));
    } catch (IOException e) {
      throw new CurlOptions.UsageException("cannot read " + path + ": " + e.getMessage());
    }
  }

  private int transfer() {
    CurlError error;
    try {
      effectiveUri = target(options.url);
      error = firstError();
    } catch (IllegalArgumentException e) {
      error = new CurlError(CurlError.MALFORMED_URL, "URL rejected: " + e.getMessage());
    }
    IOException writeFailure = output.drain(error == null);
    if (error == null && writeFailure != null) {
      error = new CurlError(CurlError.WRITE_ERROR,
          "Failure writing output to destination (" + writeFailure.getMessage() + ")");
    }
    if (options.writeOut != null) {
      output.text(WriteOut.expand(options.writeOut, Map.of(
          "http_code", String.format("%03d", lastCode),
          "url_effective", effectiveUri == null ? options.url : effectiveUri.toString(),
          "num_redirects", Integer.toString(redirectCount)),
          name -> stderr.println("fetch: unknown --write-out variable: '" + name + "'")));
      output.drain(false);
    }
    if (error == null) {
      return 0;
    }
    if (!options.silent || options.showErrors) {
      stderr.println("fetch: (" + error.exitCode() + ") " + error.message());
    }
    return error.exitCode();
  }

  /** curl's reading of a URL: no scheme means http. */
  private static URI target(String url) {
    String withScheme = url.contains("://") ? url : "http://" + url;
    return HttpRequest.newBuilder(withScheme).build().uri();
  }

  /** Runs every hop; returns null when a whole response arrived, else what went wrong. */
  private CurlError firstError() {
    Resolver resolver = resolver();
    ProgressBar progress = System.console() != null && !options.silent
        ? new ProgressBar(output, stderr) : null;
    try (AsyncHttpClient client = AsyncHttpClient.builder().resolver(resolver).maxConnections(1).tls(tls())
        .followRedirects(false).decompress(options.compressed).build()) {
      HttpRequest request = FetchRequests.first(options, effectiveUri);
      while (true) {
        if (caProblem != null && request.isHttps()) {
          return new CurlError(CurlError.CA_CERT_BAD_FILE, caProblem);
        }
        Hop hop = new Hop();
        HttpRequest sent = hopRequest(request, hop, progress);
        HttpResponse response = client.fetch(sent).get();
        if (!hop.follow) {
          output.trailers(response.trailers());
          return null;
        }
        if (options.maxRedirects >= 0 && redirectCount >= options.maxRedirects) {
          return new CurlError(CurlError.TOO_MANY_REDIRECTS,
              "Maximum (" + options.maxRedirects + ") redirects followed");
        }
        request = FetchRequests.next(request, response, options.method != null);
        effectiveUri = request.uri();
        redirectCount++;
      }
    } catch (ExecutionException e) {
      return CurlError.of(e.getCause(), elapsedMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CurlError(CurlError.TIMEOUT, "interrupted");
    } finally {
      resolver.close();
      if (progress != null) {
        progress.finish();
      }
    }
  }

  /**
   * The TLS options of -k and --cacert. A --cacert file that cannot be read matters only once an
   * https URL is fetched, as in curl: until then the defaults stand in and {@link #caProblem}
   * keeps the reason.
   */
  private TlsOptions tls() {
    try {
      return TlsSettings.of(options.insecure, options.caCert);
    } catch (CurlOptions.UsageException e) {
      caProblem = e.getMessage();
      return TlsOptions.defaults();
    }
  }

  private Resolver resolver() {
    Resolver system = new BlockingResolver();
    if (options.resolve.isEmpty()) {
      return system;
    }
    OverrideResolver.Builder overrides = OverrideResolver.builder();
    options.resolve.forEach(overrides::curlResolve);
    return overrides.build(system);
  }

  /** One hop's request: the options plus callbacks that show its head and stream its body. */
  private HttpRequest hopRequest(HttpRequest request, Hop hop, ProgressBar progress)
      throws ExecutionException {
    long remainingNanos = (options.maxTime == null ? NO_MAX_TIME : options.maxTime).toNanos()
        - (System.nanoTime() - startNanos);
    if (remainingNanos <= 0) {
      throw new ExecutionException(new FetchTimeoutException(request, Phase.QUEUE, options.maxTime));
    }
    Duration connect =
        options.connectTimeout != null ? options.connectTimeout : CURL_CONNECT_TIMEOUT;
    return request.newBuilder()
        .connectTimeout(connect)
        .requestTimeout(Duration.ofNanos(remainingNanos))
        .headerCallback(hop::onHead)
        .bodyCallback(hop::onChunk)
        .progressListener(progress)
        .build();
  }

  private long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** One request and response of the transfer; its callbacks run on the loop thread. */
  private final class Hop {
    /** Whether this response is a redirect that will be followed, so its body is dropped. */
    private volatile boolean follow;

    void onHead(HttpResponse head) {
      lastCode = head.code();
      follow = options.followRedirects && FetchRequests.isRedirect(head);
      output.head(head);
    }

    CompletionStage<?> onChunk(okio.ByteString chunk) {
      return follow || options.head ? null : output.body(chunk);
    }
  }
}
