package io.gust.client;

import io.gust.http.ContentTypes;
import io.gust.http.HttpChars;
import io.gust.http.ReasonPhrases;
import io.gust.http.ResponseHead;
import io.gust.http.Uris;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okio.ByteString;

/**
 * An HTTP response: status, header fields, body, trailers, and what the client learned getting
 * it (the final URI after redirects, timings, connection reuse). Immutable and safe to share
 * between threads.
 *
 * <p>The client builds it once the body has arrived (or, for a {@link HeaderCallback}, as a head
 * with an empty body); servers and tests build their own with {@link #newBuilder()}. After
 * redirects, {@link #previous()} leads back through the heads of the hops that led here.
 */
public final class HttpResponse {
  private final int code;
  private final String reason;
  private final Protocol protocol;
  private final Headers headers;
  private final Headers trailers;
  private final ByteString body;
  private final URI effectiveUri;
  private final HttpRequest request;
  private final Timings timings;
  private final boolean connectionReused;
  private final int redirectCount;
  private final int retryCount;
  private final HttpResponse previous;
  /** The connection a 101 answer handed over, or null. */
  final UpgradedConnection upgrade;

  private HttpResponse(Builder builder) {
    if (builder.code < 100 || builder.code > 999) {
      throw new IllegalStateException("code must be set to a value in [100, 999]: " + builder.code);
    }
    this.code = builder.code;
    this.reason = builder.reason != null ? builder.reason : ReasonPhrases.of(builder.code);
    this.protocol = builder.protocol;
    this.headers = builder.headers;
    this.trailers = builder.trailers;
    this.body = builder.body;
    this.request = builder.request;
    this.effectiveUri = builder.effectiveUri != null || request == null
        ? builder.effectiveUri : request.uri();
    this.timings = builder.timings;
    this.connectionReused = builder.connectionReused;
    this.redirectCount = builder.redirectCount;
    this.retryCount = builder.retryCount;
    this.previous = builder.previous;
    this.upgrade = builder.upgrade;
  }

  /**
   * A response the client read, without a builder: the parsed head (already checked), the body
   * and trailers, and what the exchange learned getting it. {@code upgrade} is null unless a 101
   * handed the connection over.
   */
  HttpResponse(ResponseHead head, ByteString body, Headers trailers, HttpRequest request,
      Timings timings, boolean connectionReused, int redirectCount, int retryCount,
      HttpResponse previous, UpgradedConnection upgrade) {
    this.code = head.code();
    this.reason = head.reason();
    this.protocol = head.protocol();
    this.headers = head.headers();
    this.trailers = trailers;
    this.body = body;
    this.request = request;
    this.effectiveUri = request.uri();
    this.timings = timings;
    this.connectionReused = connectionReused;
    this.redirectCount = redirectCount;
    this.retryCount = retryCount;
    this.previous = previous;
    this.upgrade = upgrade;
  }

  /** Returns an empty builder: HTTP/1.1, no fields, empty body; the code must be set. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns a builder holding a copy of this response. Named {@code toBuilder} because {@code
   * newBuilder()} is the static factory.
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Returns the status code, in [100, 999]. */
  public int code() {
    return code;
  }

  /** Returns the reason phrase as received (possibly empty), or the standard one when built without. */
  public String reason() {
    return reason;
  }

  /** Returns the HTTP version the server answered with. */
  public Protocol protocol() {
    return protocol;
  }

  /** Returns the header fields as received (or as built). */
  public Headers headers() {
    return headers;
  }

  /** Returns the first value of header {@code name}, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** Returns the trailer fields of a chunked body; empty otherwise. */
  public Headers trailers() {
    return trailers;
  }

  /** Returns the body, decompressed if the client did; empty when there was none or it was streamed. */
  public ByteString body() {
    return body;
  }

  /**
   * Returns the body as text, in the charset of Content-Type's {@code charset} parameter, or
   * UTF-8 when there is none or the JDK does not know it.
   */
  public String bodyString() {
    return body.string(ContentTypes.charset(headers.get("Content-Type"), StandardCharsets.UTF_8));
  }

  /** Whether the code is in [200, 300). */
  public boolean isSuccessful() {
    return code >= 200 && code < 300;
  }

  /** Returns the URI that gave this response, after redirects; null when built without a request. */
  public URI effectiveUri() {
    return effectiveUri;
  }

  /** Returns the request that was sent last (after redirects), or null. */
  public HttpRequest request() {
    return request;
  }

  /** Returns how long each phase took; all zero when no client measured them. */
  public Timings timings() {
    return timings;
  }

  /** Whether the exchange ran on a pooled connection that an earlier exchange opened. */
  public boolean isConnectionReused() {
    return connectionReused;
  }

  /** Returns how many redirects were followed to get here. */
  public int redirectCount() {
    return redirectCount;
  }

  /** Returns how many times the exchange was retried (on a stale pooled connection, say). */
  public int retryCount() {
    return retryCount;
  }

  /**
   * Returns the response of the redirect the client followed to get here, or null when this is
   * the first hop. It is the head of that hop (status, reason, header fields, effective URI, the
   * request that was sent, timings) with an empty body, which the client drained and dropped; its
   * own {@code previous()} leads one hop further back, so a response reached through {@link
   * #redirectCount()} redirects has that many predecessors.
   */
  public HttpResponse previous() {
    return previous;
  }

  /** Returns the code, reason and URI, without query or credentials. */
  @Override
  public String toString() {
    return "HttpResponse{" + code + (reason.isEmpty() ? "" : " " + reason)
        + (effectiveUri == null ? "" : " " + Uris.safe(effectiveUri)) + "}";
  }

  /** Collects a response's parts. Not thread-safe. */
  public static final class Builder {
    private int code = -1;
    private String reason;
    private Protocol protocol = Protocol.HTTP_1_1;
    private Headers headers = Headers.empty();
    private Headers trailers = Headers.empty();
    private ByteString body = ByteString.EMPTY;
    private URI effectiveUri;
    private HttpRequest request;
    private Timings timings = Timings.none();
    private boolean connectionReused;
    private int redirectCount;
    private int retryCount;
    private HttpResponse previous;
    private UpgradedConnection upgrade;

    private Builder() {}

    private Builder(HttpResponse response) {
      code = response.code;
      reason = response.reason;
      protocol = response.protocol;
      headers = response.headers;
      trailers = response.trailers;
      body = response.body;
      effectiveUri = response.effectiveUri;
      request = response.request;
      timings = response.timings;
      connectionReused = response.connectionReused;
      redirectCount = response.redirectCount;
      retryCount = response.retryCount;
      previous = response.previous;
    }

    /** Sets the status code, in [100, 999]. */
    public Builder code(int code) {
      if (code < 100 || code > 999) {
        throw new IllegalArgumentException("status code not in [100, 999]: " + code);
      }
      this.code = code;
      return this;
    }

    /** Sets the reason phrase; null (the default) means the standard phrase for the code. */
    public Builder reason(String reason) {
      if (reason != null && HttpChars.invalidFieldChar(reason) >= 0) {
        throw new IllegalArgumentException("reason phrase has a control or non-ISO-8859-1 character");
      }
      this.reason = reason;
      return this;
    }

    /** Sets the HTTP version; HTTP/1.1 by default. */
    public Builder protocol(Protocol protocol) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      return this;
    }

    /** Sets the status, reason, protocol and header fields from a parsed head. */
    Builder head(ResponseHead head) {
      return code(head.code()).reason(head.reason()).protocol(head.protocol()).headers(head.headers());
    }

    /** Sets the header fields. */
    public Builder headers(Headers headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /** Sets the trailer fields. */
    public Builder trailers(Headers trailers) {
      this.trailers = Objects.requireNonNull(trailers, "trailers");
      return this;
    }

    /** Sets the body; empty by default. */
    public Builder body(ByteString body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /** Sets the URI that gave the response; defaults to the request's. */
    public Builder effectiveUri(URI effectiveUri) {
      this.effectiveUri = effectiveUri;
      return this;
    }

    /** Sets the request that was sent last. */
    public Builder request(HttpRequest request) {
      this.request = request;
      return this;
    }

    /** Sets the phase timings. */
    public Builder timings(Timings timings) {
      this.timings = Objects.requireNonNull(timings, "timings");
      return this;
    }

    /** Sets whether a pooled connection carried the exchange. */
    public Builder connectionReused(boolean reused) {
      this.connectionReused = reused;
      return this;
    }

    /** Sets how many redirects were followed. */
    public Builder redirectCount(int count) {
      this.redirectCount = count;
      return this;
    }

    /** Sets how many retries happened. */
    public Builder retryCount(int count) {
      this.retryCount = count;
      return this;
    }

    /** Sets the response of the redirect followed before this one; null (the default) for none. */
    public Builder previous(HttpResponse previous) {
      this.previous = previous;
      return this;
    }

    /** Sets the connection a 101 answer handed over. */
    Builder upgrade(UpgradedConnection connection) {
      this.upgrade = connection;
      return this;
    }

    /** Returns the response; throws IllegalStateException when no code was set. */
    public HttpResponse build() {
      return new HttpResponse(this);
    }
  }
}
