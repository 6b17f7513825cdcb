package io.gust.client;

import io.gust.http.BodyFraming;
import io.gust.http.HttpChars;
import io.gust.http.Uris;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * An HTTP request to send: method, absolute http or https URI, header fields, optional body, and
 * per-request options. Immutable and safe to share between threads; {@link #newBuilder()} copies.
 *
 * <p>Everything that reaches the wire is checked when it is set: the method must be a token, the
 * URI must have an http(s) scheme and a host and contain no whitespace or control character,
 * header fields follow {@link Headers}' rules. A URI with user information ({@code
 * http://user:pass@host/}) is turned into {@code Authorization: Basic} (unless that header is set
 * explicitly) and the user information is removed from {@link #uri()}, so that it is never logged.
 *
 * <p>An option that was not set reads as null: the client's default applies.
 */
public final class HttpRequest {
  private final String method;
  private final URI uri;
  private final String host;
  private final int port;
  private final Headers headers;
  private final RequestBody body;
  private final RequestOptions options;
  /** Whether the Connection field carries the option {@code close}. */
  private final boolean closesConnection;
  /** Derived once, on first use; a race computes the same string twice, harmlessly. */
  private String requestTarget;
  private String hostHeader;

  private HttpRequest(Builder builder) {
    this.method = builder.method;
    this.uri = Uris.withoutUserInfo(builder.uri);
    this.host = Uris.host(uri);
    this.port = Uris.port(uri);
    this.headers = userInfoAuthorization(builder.uri, builder.headers).build();
    this.body = builder.body;
    this.options = builder.options.copy();
    this.closesConnection = headers.get("Connection") != null
        && !BodyFraming.allowsReuse(Protocol.HTTP_1_1, headers);
  }

  private static Headers.Builder userInfoAuthorization(URI uri, Headers.Builder headers) {
    String userInfo = Uris.rawUserInfo(uri);
    if (userInfo == null || headers.get("Authorization") != null) {
      return headers;
    }
    int colon = userInfo.indexOf(':');
    String user = Uris.percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : Uris.percentDecode(userInfo.substring(colon + 1));
    return headers.build().newBuilder().set("Authorization", BasicAuth.encode(user, password));
  }

  /**
   * Returns a GET request for {@code url}, with no fields of its own and the client's defaults,
   * ready to fetch; throws IllegalArgumentException for a bad URL. Use {@link #newBuilder(String)}
   * to set anything else.
   */
  public static HttpRequest get(String url) {
    return newBuilder(url).build();
  }

  /** Returns a GET builder for {@code url}; throws IllegalArgumentException for a bad URL. */
  public static Builder newBuilder(String url) {
    return new Builder(Uris.parse(url));
  }

  /** Returns a GET builder for {@code uri}; throws IllegalArgumentException for a bad URI. */
  public static Builder newBuilder(URI uri) {
    return new Builder(uri);
  }

  /** Returns a builder holding a copy of this request. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Returns the method token, such as {@code GET}. */
  public String method() {
    return method;
  }

  /** Returns the absolute URI, in ASCII form and without user information. */
  public URI uri() {
    return uri;
  }

  /** Returns the host to connect to, without IPv6 brackets. */
  public String host() {
    return host;
  }

  /** Returns the port to connect to: the URI's, or 80 for http and 443 for https. */
  public int port() {
    return port;
  }

  /** Whether the scheme is https. */
  public boolean isHttps() {
    return "https".equalsIgnoreCase(uri.getScheme());
  }

  /** Returns the origin-form request target: raw path ("/" when empty) plus "?" and raw query. */
  public String requestTarget() {
    String target = requestTarget;
    if (target == null) {
      target = Uris.requestTarget(uri);
      requestTarget = target;
    }
    return target;
  }

  /** Returns the Host field value: host[:port], IPv6 in brackets, default port left out. */
  public String hostHeader() {
    String value = hostHeader;
    if (value == null) {
      value = Uris.hostHeader(uri.getScheme(), host, port);
      hostHeader = value;
    }
    return value;
  }

  /**
   * Whether this request's Connection field carries the option {@code close}: the client then
   * closes the connection after the response, whatever the server answers (RFC 9112, 9.6).
   */
  public boolean closesConnection() {
    return closesConnection;
  }

  /** Returns the header fields the caller set; the client adds Host and the framing fields. */
  public Headers headers() {
    return headers;
  }

  /** Returns the body, or null for none. */
  public RequestBody body() {
    return body;
  }

  /** Returns the connect timeout, or null for the client's. */
  public Duration connectTimeout() {
    return options.connectTimeout;
  }

  /** Returns the whole-exchange timeout, or null for the client's. */
  public Duration requestTimeout() {
    return options.requestTimeout;
  }

  /** Returns the longest allowed silence between two reads, or null for the client's. */
  public Duration readTimeout() {
    return options.readTimeout;
  }

  /** Returns the address families this request may connect over, or null for the client's. */
  public AddressFamily addressFamily() {
    return options.addressFamily;
  }

  /** Returns the HTTP versions this request may be sent over, or null for the client's. */
  public java.util.List<Protocol> protocols() {
    return options.versions == null ? null : options.versions.allowed();
  }

  /** The versions given to {@link Builder#protocols}, or null for the client's. */
  HttpVersions versions() {
    return options.versions;
  }

  /** Returns the proxy (or proxy rule) for this request, or null for the client's. */
  public Proxy proxy() {
    return options.proxy;
  }

  /** Returns whether redirects are followed, or null for the client's choice. */
  public Boolean followRedirects() {
    return options.followRedirects;
  }

  /** Returns how many redirects may be followed, or null for the client's limit. */
  public Integer maxRedirects() {
    return options.maxRedirects;
  }

  /** Returns whether gzip and deflate bodies are asked for and decoded, or null for the client's choice. */
  public Boolean decompress() {
    return options.decompress;
  }

  /** Returns whether a status of 400 or more fails the exchange, or null for the client's choice. */
  public Boolean raiseError() {
    return options.raiseError;
  }

  /** Returns whether the body waits for {@code 100 Continue}, or null for the client's choice. */
  public Boolean expectContinue() {
    return options.expectContinue;
  }

  /** Returns the callback for the response head, or null. */
  public HeaderCallback headerCallback() {
    return options.headerCallback;
  }

  /** Returns the callback that streams the response body, or null to collect it. */
  public BodyChunkCallback bodyCallback() {
    return options.bodyCallback;
  }

  /** Returns the progress listener, or null. */
  public ProgressListener progressListener() {
    return options.progressListener;
  }

  /** Returns the authenticator that answers this request's 401s, or null for the client's. */
  public Authenticator authenticator() {
    return options.authenticator;
  }

  /** Returns the method and a URI safe to log: no query, no credentials. */
  @Override
  public String toString() {
    return "HttpRequest{" + method + " " + Uris.safe(uri) + "}";
  }

  /** Collects a request's parts; checks each when set. Not thread-safe. */
  public static final class Builder {
    private String method = "GET";
    private URI uri;
    private Headers.Builder headers;
    private RequestBody body;
    private final RequestOptions options;

    private Builder(URI uri) {
      uri(uri);
      this.headers = new Headers.Builder();
      this.options = new RequestOptions();
    }

    private Builder(HttpRequest request) {
      this.method = request.method;
      this.uri = request.uri;
      this.headers = request.headers.newBuilder();
      this.body = request.body;
      this.options = request.options.copy();
    }

    /** Sets the URI; throws IllegalArgumentException unless it is a safe http(s) URI with a host. */
    public Builder uri(URI uri) {
      this.uri = Uris.check(Objects.requireNonNull(uri, "uri"));
      return this;
    }

    /**
     * Sets the method, any RFC 9110 token, and the body. POST, PUT and PATCH need a body; TRACE
     * must have none; other methods may have either.
     */
    public Builder method(String token, RequestBody body) {
      HttpChars.checkToken(token, "method");
      if (body == null && (token.equals("POST") || token.equals("PUT") || token.equals("PATCH"))) {
        throw new IllegalArgumentException(token + " needs a body");
      }
      if (body != null && token.equals("TRACE")) {
        throw new IllegalArgumentException("TRACE must not have a body");
      }
      this.method = token;
      this.body = body;
      return this;
    }

    /** Makes this a GET without body. */
    public Builder get() {
      return method("GET", null);
    }

    /** Makes this a HEAD without body. */
    public Builder head() {
      return method("HEAD", null);
    }

    /** Makes this a POST of {@code body}. */
    public Builder post(RequestBody body) {
      return method("POST", Objects.requireNonNull(body, "body"));
    }

    /** Makes this a PUT of {@code body}. */
    public Builder put(RequestBody body) {
      return method("PUT", Objects.requireNonNull(body, "body"));
    }

    /** Makes this a PATCH of {@code body}. */
    public Builder patch(RequestBody body) {
      return method("PATCH", Objects.requireNonNull(body, "body"));
    }

    /** Makes this a DELETE without body. */
    public Builder delete() {
      return method("DELETE", null);
    }

    /** Adds a header field, keeping others of the same name. */
    public Builder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /** Sets a header field, replacing others of the same name. */
    public Builder setHeader(String name, String value) {
      headers.set(name, value);
      return this;
    }

    /** Removes every header field named {@code name}. */
    public Builder removeHeader(String name) {
      headers.remove(name);
      return this;
    }

    /** Replaces all header fields with {@code headers}. */
    public Builder headers(Headers headers) {
      this.headers = headers.newBuilder();
      return this;
    }

    /** Sets {@code Authorization: Basic} from a user (no ':') and password, encoded as UTF-8. */
    public Builder basicAuth(String user, String password) {
      headers.set("Authorization", BasicAuth.encode(user, password));
      return this;
    }

    /**
     * Sets how long opening the connection (DNS, TCP and TLS together) may take; must be positive,
     * {@link Timeouts#NONE} for no limit.
     */
    public Builder connectTimeout(Duration timeout) {
      options.connectTimeout = Timeouts.requirePositive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long the whole exchange may take, queueing and redirects included; must be
     * positive, {@link Timeouts#NONE} for no limit.
     */
    public Builder requestTimeout(Duration timeout) {
      options.requestTimeout = Timeouts.requirePositive(timeout, "requestTimeout");
      return this;
    }

    /** Sets the longest allowed silence between two reads from the connection. */
    public Builder readTimeout(Duration timeout) {
      options.readTimeout = Timeouts.requirePositive(timeout, "readTimeout");
      return this;
    }

    /**
     * Connects over IPv4 only, IPv6 only or either, whatever the client's setting (Tornado's
     * {@code allow_ipv6}); null returns to the client's. A new connection is opened when the
     * pooled ones to the origin were made for another setting.
     */
    public Builder addressFamily(AddressFamily family) {
      options.addressFamily = family;
      return this;
    }

    /**
     * The HTTP versions this request may be sent over, whatever the client's {@code protocols}:
     * {@code protocols(Protocol.HTTP_1_1)} never lands on an HTTP/2 connection, and its own
     * connections offer only {@code http/1.1} by ALPN. Requests with different versions never
     * share a connection. No argument returns to the client's setting.
     */
    public Builder protocols(Protocol... protocols) {
      options.versions = protocols.length == 0 ? null
          : new HttpVersions(HttpVersions.check(java.util.List.of(protocols)));
      return this;
    }

    /**
     * Sends this request through {@code proxy} ({@link Proxy#NONE}: direct), whatever the
     * client's setting; null returns to the client's. Its connections are pooled apart.
     */
    public Builder proxy(Proxy proxy) {
      options.proxy = proxy;
      return this;
    }

    /** Sets whether 301, 302, 303, 307 and 308 responses are followed. */
    public Builder followRedirects(boolean follow) {
      options.followRedirects = follow;
      return this;
    }

    /** Sets how many redirects may be followed before {@link TooManyRedirectsException}. */
    public Builder maxRedirects(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxRedirects < 0: " + max);
      }
      options.maxRedirects = max;
      return this;
    }

    /** Sets whether to ask for gzip and deflate and decode the body. */
    public Builder decompress(boolean decompress) {
      options.decompress = decompress;
      return this;
    }

    /** Sets whether a status of 400 or more fails with {@link HttpStatusException}. */
    public Builder raiseError(boolean raise) {
      options.raiseError = raise;
      return this;
    }

    /** Sets whether to send {@code Expect: 100-continue} and hold the body until the server agrees. */
    public Builder expectContinue(boolean expect) {
      options.expectContinue = expect;
      return this;
    }

    /** Sets the callback that receives the response head before the body; null for none. */
    public Builder headerCallback(HeaderCallback callback) {
      options.headerCallback = callback;
      return this;
    }

    /** Sets the callback that streams the body instead of collecting it; null to collect. */
    public Builder bodyCallback(BodyChunkCallback callback) {
      options.bodyCallback = callback;
      return this;
    }

    /** Sets the listener that hears upload and download progress; null for none. */
    public Builder progressListener(ProgressListener listener) {
      options.progressListener = listener;
      return this;
    }

    /**
     * Sets the authenticator that answers this request's 401s instead of the client's; null for
     * the client's. Redirect hops and retries of the fetch keep it.
     */
    public Builder authenticator(Authenticator authenticator) {
      options.authenticator = authenticator;
      return this;
    }

    /** Returns the request. */
    public HttpRequest build() {
      return new HttpRequest(this);
    }
  }
}
