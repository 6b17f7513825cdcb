package io.gust.client.telemetry;

import io.gust.client.EventListener;
import io.gust.client.HttpClientException;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;

/**
 * One call's spans, one per network attempt, with the stable HTTP client conventions; each
 * attempt also goes into the duration histogram. Loop-confined, like the events it hears.
 */
final class AttemptSpans implements EventListener {
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> METHOD_ORIGINAL =
      AttributeKey.stringKey("http.request.method_original");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
  static final AttributeKey<String> PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
  static final AttributeKey<Long> PEER_PORT = AttributeKey.longKey("network.peer.port");
  /** The methods the conventions know; others are reported as {@code _OTHER}. */
  private static final Set<String> KNOWN_METHODS = Set.of("CONNECT", "DELETE", "GET", "HEAD",
      "OPTIONS", "PATCH", "POST", "PUT", "TRACE", "QUERY");
  private static final TextMapSetter<HeadFields> SETTER = (fields, name, value) -> {
    if (fields != null) {
      fields.add(name, value);
    }
  };

  private final OpenTelemetryInstrumentation instrumentation;
  private final Context parent;
  /** The current attempt's span; null between attempts. */
  private Span span;
  private long attemptStartNanos;
  private String method;
  private String host;
  private int port;
  private int statusCode;

  AttemptSpans(OpenTelemetryInstrumentation instrumentation, Context parent) {
    this.instrumentation = instrumentation;
    this.parent = parent;
  }

  @Override
  public void attemptStart(int attempt, HttpRequest request, AttemptReason reason) {
    String original = request.method();
    method = KNOWN_METHODS.contains(original) ? original : "_OTHER";
    host = request.host();
    port = request.port();
    statusCode = 0;
    attemptStartNanos = System.nanoTime();
    var builder = instrumentation.tracer.spanBuilder(method.equals("_OTHER") ? "HTTP" : method)
        .setSpanKind(SpanKind.CLIENT).setParent(parent)
        .setAttribute(METHOD, method)
        .setAttribute(SERVER_ADDRESS, host)
        .setAttribute(SERVER_PORT, (long) port)
        .setAttribute(URL_FULL, withoutUserInfo(request.uri()));
    if (!method.equals(original)) {
      builder.setAttribute(METHOD_ORIGINAL, original);
    }
    if (attempt > 0) {
      builder.setAttribute(RESEND_COUNT, (long) attempt);
    }
    span = builder.startSpan();
    instrumentation.inFlight.opened(span);
  }

  @Override
  public void connectEnd(int attempt, InetSocketAddress address) {
    if (span != null) {
      span.setAttribute(PEER_ADDRESS, address.getAddress().getHostAddress());
      span.setAttribute(PEER_PORT, (long) address.getPort());
    }
  }

  @Override
  public void requestHeadStart(int attempt, HttpRequest request, HeadFields fields) {
    if (span != null) {
      instrumentation.propagator.inject(parent.with(span), fields, SETTER);
    }
  }

  @Override
  public void responseHeadReceived(int attempt, int code) {
    statusCode = code;
    if (span != null) {
      span.setAttribute(STATUS_CODE, (long) code);
    }
  }

  @Override
  public void cancelled(int attempt, CancelEffect effect, long discardedBytes) {
    if (span != null) {
      span.addEvent("gust.cancelled", Attributes.of(AttributeKey.stringKey("gust.cancel.effect"),
          effect.name(), AttributeKey.longKey("gust.cancel.discarded_bytes"), discardedBytes));
    }
  }

  @Override
  public void attemptEnd(int attempt, HttpResponse response) {
    statusCode = response.code();
    end(statusCode >= 400 ? Integer.toString(statusCode) : null, null);
  }

  @Override
  public void attemptFailed(int attempt, HttpClientException error) {
    end(error.getClass().getName(), error);
  }

  /** Ends the attempt's span and records its duration; {@code errorType} null on success. */
  private void end(String errorType, HttpClientException error) {
    if (span == null) {
      return;
    }
    if (statusCode > 0) {
      span.setAttribute(STATUS_CODE, (long) statusCode);
    }
    if (errorType != null) {
      span.setAttribute(ERROR_TYPE, errorType);
      span.setStatus(StatusCode.ERROR, error != null ? error.getMessage() : "");
      if (error != null) {
        span.recordException(error);
      }
    }
    instrumentation.inFlight.closed(span);
    span.end();
    span = null;
    AttributesBuilder attributes = Attributes.builder().put(METHOD, method)
        .put(SERVER_ADDRESS, host).put(SERVER_PORT, (long) port);
    if (statusCode > 0) {
      attributes.put(STATUS_CODE, (long) statusCode);
    }
    if (errorType != null) {
      attributes.put(ERROR_TYPE, errorType);
    }
    instrumentation.duration.record((System.nanoTime() - attemptStartNanos) / 1e9,
        attributes.build(), parent);
  }

  /**
   * {@code uri} as a string with its user info, if any, replaced by {@code REDACTED:REDACTED},
   * as the conventions ask: credentials never go into telemetry.
   */
  static String withoutUserInfo(URI uri) {
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null) {
      return uri.toString();
    }
    String text = uri.toString();
    int at = text.indexOf(userInfo + "@");
    return at < 0 ? text
        : text.substring(0, at) + "REDACTED:REDACTED" + text.substring(at + userInfo.length());
  }
}
