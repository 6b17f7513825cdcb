package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.BlockingResolver;
import io.gust.client.FetchTimeoutException;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.client.Phase;
import io.gust.client.Protocol;
import io.gust.client.Resolver;
import io.gust.resolver.OverrideResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
  /** The protocol of the last response head; null before the first. */
  private volatile Protocol lastProtocol;
  private URI effectiveUri;
  /** The URL's raw user information, shown in url_effective as curl shows it; null when none. */
  private String shownUserInfo;
  private int redirectCount;
  /** The hop under way; its -f verdict outlives a failed fetch. */
  private volatile Hop hop;
  /** -u with --basic, --digest or --anyauth; set before the first hop. */
  private CurlAuth auth;
  /** -b and -c; set before the first hop. */
  private CurlCookies cookies;

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
      stderr.println("fetch: try 'gust fetch --help' for the options");
      return CurlError.USAGE;
    }
    try (FetchOutput output = new FetchOutput(stdout, options)) {
      return new FetchCommand(options, output, stderr).transfer();
    }
  }

  /**
   * The Authorization of -u USER[:PASSWORD], else null. Without a password curl asks for one;
   * fetch asks only on a console, and takes an empty password where there is none (a script's
   * standard input is its data, not a password).
   */
  static String userAuthorization(String user, java.io.Console console) {
    if (user == null) {
      return null;
    }
    CurlOptions options = new CurlOptions();
    options.user = user;
    return CurlAuth.of(options, null, HttpRequest.get("http://localhost/"), console).preemptive();
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
      HttpRequest parsed = target(options.url);
      effectiveUri = parsed.uri();
      shownUserInfo = rawUserInfo(options.url);
      auth = CurlAuth.of(options, shownUserInfo, parsed, System.console());
      cookies = CurlCookies.of(options);
      error = firstError(FetchRequests.first(options, effectiveUri, auth.preemptive(),
          options.form.isEmpty() ? null : CurlForm.body(options.form)));
      saveCookies();
    } catch (IllegalArgumentException e) {
      error = new CurlError(CurlError.MALFORMED_URL, "URL rejected: " + e.getMessage());
    } catch (CurlForm.ReadException e) {
      error = new CurlError(CurlError.READ_ERROR, e.getMessage());
    }
    IOException writeFailure = output.drain(error == null);
    if (error == null && writeFailure != null) {
      error = new CurlError(CurlError.WRITE_ERROR,
          "Failure writing output to destination (" + writeFailure.getMessage() + ")");
    }
    if (options.writeOut != null) {
      output.text(WriteOut.expand(options.writeOut, Map.of(
          "http_code", String.format("%03d", lastCode),
          "url_effective", shownUri(),
          "num_redirects", Integer.toString(redirectCount),
          "http_version", httpVersion(lastProtocol)),
          name -> stderr.println("fetch: unknown --write-out variable: '" + name + "'")));
      output.drain(false);
    }
    if (cookies != null && cookies.toStdout()) {
      output.text(cookies.jarText());
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

  /** Writes -c's file, as curl does whether or not the transfer worked. */
  private void saveCookies() {
    try {
      cookies.write();
    } catch (java.io.IOException e) {
      stderr.println("fetch: WARNING: failed to save cookies in " + options.cookieJar);
    }
  }

  /**
   * curl's reading of a URL: no scheme means http. The request holds the URL's credentials as
   * its Authorization, and its URI is without them.
   */
  private static HttpRequest target(String url) {
    return HttpRequest.newBuilder(url.contains("://") ? url : "http://" + url).build();
  }

  /** The raw user information of {@code url} (before '@' in the authority), or null. */
  private static String rawUserInfo(String url) {
    int schemeEnd = url.indexOf("://");
    int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int at = url.lastIndexOf('@', end - 1);
    return at >= start ? url.substring(start, at) : null;
  }

  /** The version as curl's {@code %{http_version}} shows it: 1.0, 1.1, 2, or 0 before any. */
  static String httpVersion(Protocol protocol) {
    if (protocol == null) {
      return "0";
    }
    return switch (protocol) {
      case HTTP_1_0 -> "1.0";
      case HTTP_1_1 -> "1.1";
      case HTTP_2 -> "2";
    };
  }

  /** The URL for -w's url_effective: with the user information while curl's would have it. */
  private String shownUri() {
    if (effectiveUri == null) {
      return options.url;
    }
    String uri = effectiveUri.toString();
    int authority = uri.indexOf("://") + 3;
    return shownUserInfo == null ? uri
        : uri.substring(0, authority) + shownUserInfo + "@" + uri.substring(authority);
  }

  /** Runs every hop from {@code first}; returns null when a whole response arrived, else why not. */
  private CurlError firstError(HttpRequest first) {
    SourceBinding source = SourceBinding.of(options);
    if (source.problem() != null) {
      return source.problem();
    }
    FetchProxies proxies;
    try {
      proxies = FetchProxies.of(options, System.getenv());
    } catch (IllegalArgumentException e) {
      return FetchProxies.unsupported(options.proxy != null ? options.proxy : "the environment");
    }
    if (proxies.problem() != null) {
      return proxies.problem();
    }
    Resolver resolver = resolver();
    ProgressBar progress = System.console() != null && !options.silent
        ? new ProgressBar(output, stderr) : null;
    try (FetchSetup setup = FetchSetup.prepare(options, first.isHttps());
        AsyncHttpClient client = proxies.configure(AsyncHttpClient.builder()).loop(setup.loop)
            .resolver(resolver).protocols(options.protocols())
            .maxConnections(1).tls(setup.tls).userAgent(null).followRedirects(false)
            .decompress(FetchSetup.codings(options)).sourceAddress(source.address())
            .decompress(options.compressed && !options.hasHeader("Accept-Encoding")).build()) {
      return hops(client, first, setup.tlsProblem, progress);
    } catch (ExecutionException e) {
      Hop failed = hop;
      return failed != null && failed.failStatus > 0 ? failed.statusError()
          : CurlError.of(e.getCause(), elapsedMillis());
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

  private CurlError hops(AsyncHttpClient client, HttpRequest first, CurlError tlsProblem,
      ProgressBar progress) throws ExecutionException, InterruptedException {
    HttpRequest request = first;
    boolean posting = options.body() != null || !options.form.isEmpty();
    while (true) {
      if (tlsProblem != null && request.isHttps()) {
        return tlsProblem;
      }
      hop = new Hop();
      HttpResponse response = client.fetch(hopRequest(cookies.apply(auth.probe(request)), hop,
          progress)).get();
      cookies.received(response);
      if (hop.failStatus > 0) {
        return hop.statusError();
      }
      HttpRequest answer = hop.answered ? auth.answer(response) : null;
      if (answer != null) {
        String credentials = answer.headers().get("Authorization");
        request = credentials == null ? request
            : request.newBuilder().setHeader("Authorization", credentials).build();
        redirectCount++;
        continue;
      }
      if (!hop.follow) {
        output.trailers(response.trailers());
        return null;
      }
      if (options.maxRedirects >= 0 && redirectCount >= options.maxRedirects) {
        return new CurlError(CurlError.TOO_MANY_REDIRECTS,
            "Maximum (" + options.maxRedirects + ") redirects followed");
      }
      boolean dropBody = FetchRequests.dropsBody(response.code(), posting, options);
      posting &= !dropBody;
      request = FetchRequests.next(request, response, dropBody, options);
      if (isAbsolute(response.header("Location"))) {
        shownUserInfo = null;
      } else if (options.user != null) {
        shownUserInfo = auth.userInfo();
      }
      effectiveUri = request.uri();
      redirectCount++;
      auth.nextRequest();
    }
  }

  /** Whether a Location names its own authority, which replaces the URL's user information. */
  private static boolean isAbsolute(String location) {
    String trimmed = location.trim();
    return trimmed.startsWith("//") || trimmed.matches("(?s)^[A-Za-z][A-Za-z0-9+.-]*:.*");
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
    /** With -f, the status of 400 or more that failed the transfer; 0 otherwise. */
    private volatile int failStatus;
    /** Whether this response is a 401 that -u will answer, so its body is dropped. */
    private volatile boolean answered;

    void onHead(HttpResponse head) {
      lastCode = head.code();
      lastProtocol = head.protocol();
      follow = options.followRedirects && FetchRequests.isRedirect(head);
      answered = auth.willAnswer(head, head.request());
      if (options.fail && head.code() >= 400 && !follow && !answered) {
        failStatus = head.code();
      }
      output.head(head);
    }

    /** Drops a followed redirect's body; ends the exchange at the body of a -f failure. */
    CompletionStage<?> onChunk(okio.ByteString chunk) {
      if (failStatus > 0) {
        return CompletableFuture.failedFuture(new IOException("fetch -f: status " + failStatus));
      }
      return follow || answered || options.head ? null : output.body(chunk);
    }

    CurlError statusError() {
      return new CurlError(CurlError.HTTP_RETURNED_ERROR,
          "The requested URL returned error: " + failStatus);
    }
  }
}
