package io.gust.samples;

import io.gust.client.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line of {@code fetch}: the subset of curl's options that Gust supports, with
 * curl's meaning. Built by {@link #parse}, which rejects unknown options with a usage error.
 */
final class CurlOptions {
  boolean silent;
  boolean showErrors;
  Path output;
  Path dumpHeaders;
  boolean dumpHeadersToStdout;
  boolean includeHeaders;
  String method;
  /** The -H fields in order; a null value removes the field fetch would add by default. */
  final List<CustomHeader> headers = new ArrayList<>();
  /** The pieces of -d/--data (joined with '&') or the one --data-binary; null when none. */
  final List<byte[]> data = new ArrayList<>();
  boolean binaryData;
  boolean followRedirects;
  int maxRedirects = 50;
  boolean compressed;
  Duration connectTimeout;
  Duration maxTime;
  boolean insecure;
  Path caCert;
  /** --cert and --key: the PEM client certificate and its key (in the --cert file when null). */
  Path clientCert;
  Path clientKey;
  /** -u: USER[:PASSWORD] as given; null when absent. */
  String user;
  /** How -u's credentials are used: --basic (the default), --digest or --anyauth. */
  CurlAuth.Mode authMode = CurlAuth.Mode.BASIC;
  /** The -b arguments in order: cookie strings (holding '=') and cookie files. */
  final List<String> cookies = new ArrayList<>();
  /** -c: where the cookies go at the end, in the Netscape format; null when absent. */
  Path cookieJar;
  /** The -F arguments in order: {@code name=value}, {@code name=@file;type=..}, {@code name=<file}. */
  final List<String> form = new ArrayList<>();
  /** -f: a status of 400 or more is a failure (exit 22) and its body is not written. */
  boolean fail;
  /** --post301, --post302, --post303: keep POSTing after that redirect. */
  boolean post301;
  boolean post302;
  boolean post303;
  final List<String> resolve = new ArrayList<>();
  /** --interface: an interface name, an IP address or a host name, with curl's prefixes. */
  String networkInterface;
  /** --local-port N[-M]: the local ports to bind; 0 when the system chooses. */
  int localPortFirst;
  int localPortLast;
  String writeOut;
  /** --http1.1: never offer h2 (curl, and so fetch, offers h2 on https by default). */
  boolean http1Only;
  /** --http2-prior-knowledge: h2c on http, only h2 on https. */
  boolean http2PriorKnowledge;
  boolean head;
  /** -x: the proxy URL; empty to use none; null for the environment's. */
  String proxy;
  /** -U: USER[:PASSWORD] for the proxy. */
  String proxyUser;
  /** --noproxy: hosts reached directly, overriding no_proxy. */
  String noProxy;
  /** --proxy-digest: answer the proxy's Digest challenge rather than sending Basic at once. */
  boolean proxyDigest;
  /** --proxy-insecure, --proxy-cacert: how an HTTPS proxy's certificate is judged. */
  boolean proxyInsecure;
  Path proxyCaCert;
  String url;

  /**
   * One -H field: {@code "Name: value"} sends the value, {@code "Name:"} (or only blanks after the
   * colon) removes the field fetch would add by default and sends nothing, {@code "Name;"} sends
   * the field with an empty value. {@code value} is null for a removal.
   */
  record CustomHeader(String name, String value) {
    boolean removes() {
      return value == null;
    }
  }

  /** A command line that curl would also refuse; curl exits 2 for these. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static CurlOptions parse(String[] args, DataReader files) throws UsageException {
    CurlOptions options = new CurlOptions();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--") && arg.length() > 2) {
        i = options.longOption(arg, args, i, files);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        i = options.shortOptions(arg, args, i, files);
      } else if (options.url == null) {
        options.url = arg;
      } else {
        throw new UsageException("only one URL is supported, got a second: " + arg);
      }
    }
    if (options.url == null) {
      throw new UsageException("no URL specified");
    }
    if (!options.form.isEmpty() && (!options.data.isEmpty() || options.head)) {
      throw new UsageException("You can only select one HTTP request method! You asked for both"
          + " POST (-d, --data) and multipart formpost (-F, --form).");
    }
    return options;
  }

  /** The HTTP versions the fetch may speak: h2 or http/1.1 by ALPN unless a flag narrows it. */
  Protocol[] protocols() {
    if (http2PriorKnowledge) {
      return new Protocol[] {Protocol.HTTP_2};
    }
    return http1Only ? new Protocol[] {Protocol.HTTP_1_1}
        : new Protocol[] {Protocol.HTTP_2, Protocol.HTTP_1_1};
  }

  /** Reads {@code @file} arguments; a seam so that tests need no files. */
  interface DataReader {
    byte[] read(String path) throws UsageException;
  }

  private int longOption(String arg, String[] args, int i, DataReader files) throws UsageException {
    switch (arg) {
      case "--silent" -> silent = true;
      case "--show-error" -> showErrors = true;
      case "--output" -> output = Path.of(value(args, ++i, arg));
      case "--dump-header" -> dumpHeader(value(args, ++i, arg));
      case "--include" -> includeHeaders = true;
      case "--request" -> method = value(args, ++i, arg);
      case "--header" -> header(value(args, ++i, arg));
      case "--data", "--data-ascii" -> data(value(args, ++i, arg), files, false);
      case "--data-binary" -> data(value(args, ++i, arg), files, true);
      case "--location" -> followRedirects = true;
      case "--max-redirs" -> maxRedirects = integer(value(args, ++i, arg), arg);
      case "--compressed" -> compressed = true;
      case "--connect-timeout" -> connectTimeout = seconds(value(args, ++i, arg), arg);
      case "--max-time" -> maxTime = seconds(value(args, ++i, arg), arg);
      case "--insecure" -> insecure = true;
      case "--cacert" -> caCert = Path.of(value(args, ++i, arg));
      case "--resolve" -> resolve.add(value(args, ++i, arg));
      case "--interface" -> networkInterface = value(args, ++i, arg);
      case "--local-port" -> localPorts(value(args, ++i, arg), arg);
      case "--write-out" -> writeOut = value(args, ++i, arg);
      case "--head" -> head = true;
      case "--http2" -> http1Only = false;
      case "--http2-prior-knowledge" -> {
        http2PriorKnowledge = true;
        http1Only = false;
      }
      case "--http1.1" -> {
        http1Only = true;
        http2PriorKnowledge = false;
      }
      case "--url" -> url = value(args, ++i, arg);
      case "--user" -> user = value(args, ++i, arg);
      case "--fail" -> fail = true;
      case "--cert" -> clientCert = Path.of(value(args, ++i, arg));
      case "--key" -> clientKey = Path.of(value(args, ++i, arg));
      case "--post301" -> post301 = true;
      case "--post302" -> post302 = true;
      case "--post303" -> post303 = true;
      case "--basic" -> authMode = CurlAuth.Mode.BASIC;
      case "--digest" -> authMode = CurlAuth.Mode.DIGEST;
      case "--anyauth" -> authMode = CurlAuth.Mode.ANY;
      case "--cookie" -> cookies.add(value(args, ++i, arg));
      case "--cookie-jar" -> cookieJar = Path.of(value(args, ++i, arg));
      case "--form" -> form(value(args, ++i, arg), arg);
      case "--proxy" -> proxy = value(args, ++i, arg);
      case "--proxy-user" -> proxyUser = value(args, ++i, arg);
      case "--noproxy" -> noProxy = value(args, ++i, arg);
      case "--proxy-digest" -> proxyDigest = true;
      case "--proxy-basic" -> proxyDigest = false;
      case "--proxy-insecure" -> proxyInsecure = true;
      case "--proxy-cacert" -> proxyCaCert = Path.of(value(args, ++i, arg));
      default -> throw new UsageException("option " + arg + ": is unknown");
    }
    return i;
  }

  private int shortOptions(String arg, String[] args, int i, DataReader files)
      throws UsageException {
    for (int j = 1; j < arg.length(); j++) {
      char flag = arg.charAt(j);
      String attached = j + 1 < arg.length() ? arg.substring(j + 1) : null;
      switch (flag) {
        case 's' -> silent = true;
        case 'S' -> showErrors = true;
        case 'i' -> includeHeaders = true;
        case 'L' -> followRedirects = true;
        case 'k' -> insecure = true;
        case 'I' -> head = true;
        case 'f' -> fail = true;
        case 'o', 'D', 'X', 'H', 'd', 'm', 'w', 'u', 'b', 'c', 'F', 'x', 'U' -> {
          String value = attached != null ? attached : value(args, ++i, "-" + flag);
          shortWithValue(flag, value, files);
          return i;
        }
        default -> throw new UsageException("option -" + flag + ": is unknown");
      }
    }
    return i;
  }

  private void shortWithValue(char flag, String value, DataReader files) throws UsageException {
    switch (flag) {
      case 'o' -> output = Path.of(value);
      case 'D' -> dumpHeader(value);
      case 'X' -> method = value;
      case 'H' -> header(value);
      case 'd' -> data(value, files, false);
      case 'm' -> maxTime = seconds(value, "-m");
      case 'w' -> writeOut = value;
      case 'u' -> user = value;
      case 'b' -> cookies.add(value);
      case 'c' -> cookieJar = Path.of(value);
      case 'F' -> form(value, "-F");
      case 'x' -> proxy = value;
      case 'U' -> proxyUser = value;
      default -> throw new IllegalStateException("unhandled -" + flag);
    }
  }

  /** -F needs {@code name=content}; curl refuses anything else as badly used. */
  private void form(String value, String option) throws UsageException {
    if (value.indexOf('=') <= 0) {
      throw new UsageException("option " + option + ": is badly used here");
    }
    form.add(value);
  }

  /** Reads curl's {@code --local-port N[-M]}; a first port of 0 lets the system choose. */
  private void localPorts(String value, String option) throws UsageException {
    int dash = value.indexOf('-');
    int first = port(dash < 0 ? value : value.substring(0, dash), option);
    int last = dash < 0 ? first : port(value.substring(dash + 1), option);
    if (last < first) {
      throw new UsageException("option " + option + ": is badly used here");
    }
    localPortFirst = first;
    localPortLast = first == 0 ? 0 : last;
  }

  private static int port(String text, String option) throws UsageException {
    int port;
    try {
      port = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("option " + option + ": is badly used here");
    }
    if (port < 0 || port > 65535) {
      throw new UsageException("option " + option + ": is badly used here");
    }
    return port;
  }

  private void dumpHeader(String value) {
    if (value.equals("-")) {
      dumpHeadersToStdout = true;
    } else {
      dumpHeaders = Path.of(value);
    }
  }

  /**
   * Reads -H as curl does: a line with neither a colon nor a name followed by a semicolon and
   * nothing else is ignored, as curl ignores it; a name that HTTP does not allow is refused.
   */
  private void header(String value) throws UsageException {
    int colon = value.indexOf(':');
    CustomHeader header;
    if (colon > 0) {
      String fieldValue = value.substring(colon + 1).trim();
      header = new CustomHeader(value.substring(0, colon).trim(),
          fieldValue.isEmpty() ? null : fieldValue);
    } else {
      int semicolon = value.indexOf(';');
      if (colon == 0 || semicolon <= 0 || !value.substring(semicolon + 1).isBlank()) {
        return;
      }
      header = new CustomHeader(value.substring(0, semicolon).trim(), "");
    }
    try {
      io.gust.client.Headers.of(header.name(),
          header.removes() ? "" : FetchRequests.commandLineBytes(header.value()));
    } catch (IllegalArgumentException e) {
      throw new UsageException("header '" + value + "' is not a valid field: " + e.getMessage());
    }
    headers.add(header);
  }

  /** Whether a -H names {@code name}, to replace or remove it. */
  boolean hasHeader(String name) {
    return headers.stream().anyMatch(header -> header.name().equalsIgnoreCase(name));
  }

  private void data(String value, DataReader files, boolean binary) throws UsageException {
    byte[] bytes;
    if (value.startsWith("@")) {
      bytes = files.read(value.substring(1));
      if (!binary) {
        bytes = stripLineBreaks(bytes);
      }
    } else {
      bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    data.add(bytes);
    binaryData |= binary;
  }

  /** curl's -d @file drops carriage returns and newlines from the file. */
  private static byte[] stripLineBreaks(byte[] bytes) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
    for (byte b : bytes) {
      if (b != '\r' && b != '\n') {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  /** The request body: the -d pieces joined with '&', as curl sends them; null when none. */
  byte[] body() {
    if (data.isEmpty()) {
      return null;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < data.size(); i++) {
      if (i > 0) {
        out.write('&');
      }
      out.writeBytes(data.get(i));
    }
    return out.toByteArray();
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length) {
      throw new UsageException("option " + option + ": requires parameter");
    }
    return args[i];
  }

  private static int integer(String value, String option) throws UsageException {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("option " + option + ": expected a number, got " + value);
    }
  }

  private static Duration seconds(String value, String option) throws UsageException {
    try {
      double seconds = Double.parseDouble(value.trim());
      if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        throw new NumberFormatException();
      }
      return Duration.ofNanos((long) (seconds * 1_000_000_000L));
    } catch (NumberFormatException e) {
      throw new UsageException("option " + option + ": expected seconds, got " + value);
    }
  }
}
