package io.gust.client;

import io.gust.client.EventListener.AttemptReason;
import io.gust.client.EventListener.CancelEffect;
import io.gust.client.EventListener.HeadFields;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes one call's events to its {@link EventListener}, with the attempt number, and contains
 * whatever the listener throws (logged at WARN, then ignored). The listener is created by the
 * client's factory when the call is made; a client without factory shares {@link
 * EventListener#NONE}, and each event then costs one comparison. Loop-confined.
 */
class ListenerCalls {
  private static final Logger log = LoggerFactory.getLogger(EventListener.class);
  /** The factory of a client that has none. */
  static final EventListener.Factory NO_FACTORY = request -> EventListener.NONE;

  private final EventListener listener;
  private boolean started;
  /** The current attempt's number; -1 before the first. */
  int attempt = -1;
  /** Whether the current attempt has begun and not yet ended. */
  private boolean attemptOpen;

  /** Creates the call's listener, on the thread that made the call. */
  ListenerCalls(EventListener.Factory factory, HttpRequest request) {
    this.listener = factory == NO_FACTORY ? EventListener.NONE : create(factory, request);
  }

  private static EventListener create(EventListener.Factory factory, HttpRequest request) {
    try {
      EventListener created = factory.create(request);
      return created != null ? created : EventListener.NONE;
    } catch (RuntimeException | Error e) {
      log.warn("event listener factory {} threw; the call goes on without listener",
          factory.getClass().getName(), e);
      return EventListener.NONE;
    }
  }

  /** The call starts. */
  final void callStart(HttpRequest request) {
    if (started) {
      return;
    }
    started = true;
    if (listener == EventListener.NONE) {
      return;
    }
    try {
      listener.callStart(request);
    } catch (RuntimeException | Error e) {
      thrown("callStart", e);
    }
  }

  final void beginAttempt(HttpRequest request, int number, AttemptReason reason) {
    attempt = number;
    attemptOpen = true;
    if (listener == EventListener.NONE) {
      return;
    }
    try {
      listener.attemptStart(number, request, reason);
    } catch (RuntimeException | Error e) {
      thrown("attemptStart", e);
    }
  }

  /** The current attempt ended with {@code response}. */
  final void attemptEnd(HttpResponse response) {
    endAttempt(response, null);
  }

  /** The current attempt, if one is open, failed with {@code error}. */
  final void attemptFailed(HttpClientException error) {
    endAttempt(null, error);
  }

  final boolean hasListener() {
    return listener != EventListener.NONE;
  }

  private void endAttempt(HttpResponse response, HttpClientException cause) {
    if (!attemptOpen) {
      return;
    }
    attemptOpen = false;
    if (listener == EventListener.NONE) {
      return;
    }
    try {
      if (cause == null) {
        listener.attemptEnd(attempt, response);
      } else {
        listener.attemptFailed(attempt, cause);
      }
    } catch (RuntimeException | Error e) {
      thrown(cause == null ? "attemptEnd" : "attemptFailed", e);
    }
  }

  /** The call reports {@code response} or {@code error}. */
  final void callEnded(HttpResponse response, HttpClientException error) {
    if (!started) {
      callStart(error != null ? error.request() : response.request());
    }
    if (listener == EventListener.NONE) {
      return;
    }
    try {
      if (error == null) {
        listener.callEnd(response);
      } else {
        listener.callFailed(error);
      }
    } catch (RuntimeException | Error e) {
      thrown(error == null ? "callEnd" : "callFailed", e);
    }
  }

  /** The events between an attempt's start and end, told through {@link #fire}. */
  enum Kind {
    QUEUED, DEQUEUED, CONNECTION_ACQUIRED, DNS_START, DNS_END, CONNECT_START, CONNECT_END,
    CONNECT_FAILED, PROXY_HANDSHAKE_START, PROXY_HANDSHAKE_END, TLS_START, TLS_END,
    REQUEST_HEAD_START, REQUEST_HEAD_SENT, REQUEST_BODY_SENT, RESPONSE_HEAD_RECEIVED,
    RESPONSE_BODY_RECEIVED, CONNECTION_RELEASED, CANCELLED
  }

  /**
   * Tells the listener of the current attempt's event {@code kind}, whose arguments are {@code
   * a} and {@code b} (objects) and {@code n} (a count, a status, or a boolean as 1 or 0), without
   * allocating; nothing without listener.
   */
  final void fire(Kind kind, Object a, Object b, long n) {
    if (listener == EventListener.NONE) {
      return;
    }
    try {
      deliver(kind, a, b, n);
    } catch (RuntimeException | Error e) {
      thrown(kind.name(), e);
    }
  }

  /** For the proxy step of connection set-up. */
  final void proxyHandshakeStart(InetSocketAddress proxy) {
    fire(Kind.PROXY_HANDSHAKE_START, proxy, null, 0);
  }

  /** For the proxy step of connection set-up. */
  final void proxyHandshakeEnd(InetSocketAddress proxy) {
    fire(Kind.PROXY_HANDSHAKE_END, proxy, null, 0);
  }

  @SuppressWarnings("unchecked")
  private void deliver(Kind kind, Object a, Object b, long n) {
    EventListener to = listener;
    int at = attempt;
    switch (kind) {
      case QUEUED -> to.queued(at);
      case DEQUEUED -> to.dequeued(at);
      case CONNECTION_ACQUIRED -> to.connectionAcquired(at, n != 0);
      case DNS_START -> to.dnsStart(at, (String) a);
      case DNS_END -> to.dnsEnd(at, (String) a, (List<InetSocketAddress>) b);
      case CONNECT_START -> to.connectStart(at, (InetSocketAddress) a);
      case CONNECT_END -> to.connectEnd(at, (InetSocketAddress) a);
      case CONNECT_FAILED -> to.connectFailed(at, (InetSocketAddress) a, (IOException) b);
      case PROXY_HANDSHAKE_START -> to.proxyHandshakeStart(at, (InetSocketAddress) a);
      case PROXY_HANDSHAKE_END -> to.proxyHandshakeEnd(at, (InetSocketAddress) a);
      case TLS_START -> to.tlsStart(at, (String) a);
      case TLS_END -> to.tlsEnd(at, (String) a);
      case REQUEST_HEAD_START -> to.requestHeadStart(at, (HttpRequest) a, (HeadFields) b);
      case REQUEST_HEAD_SENT -> to.requestHeadSent(at);
      case REQUEST_BODY_SENT -> to.requestBodySent(at, n);
      case RESPONSE_HEAD_RECEIVED -> to.responseHeadReceived(at, (int) n);
      case RESPONSE_BODY_RECEIVED -> to.responseBodyReceived(at, n);
      case CONNECTION_RELEASED -> to.connectionReleased(at, n != 0);
      case CANCELLED -> to.cancelled(at, (CancelEffect) a, n);
      default -> throw new AssertionError(kind);
    }
  }

  private void thrown(String event, Throwable e) {
    log.warn("event listener {} threw from {}; ignored", listener.getClass().getName(), event, e);
  }
}
