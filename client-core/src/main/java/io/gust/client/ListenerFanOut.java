package io.gust.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells several listeners of one call every event, in the order their factories were given; one
 * that throws is logged and does not keep the event from the others. Loop-confined.
 */
final class ListenerFanOut implements EventListener {
  private static final Logger log = LoggerFactory.getLogger(EventListener.class);

  private final EventListener[] listeners;

  private ListenerFanOut(EventListener[] listeners) {
    this.listeners = listeners;
  }

  /** The factory of {@link EventListener.Factory#all}. */
  static Factory of(Factory[] factories) {
    Factory[] copy = factories.clone();
    for (Factory factory : copy) {
      Objects.requireNonNull(factory, "factory");
    }
    return request -> {
      EventListener[] created = new EventListener[copy.length];
      for (int i = 0; i < copy.length; i++) {
        EventListener listener = copy[i].create(request);
        created[i] = listener != null ? listener : EventListener.NONE;
      }
      return new ListenerFanOut(created);
    };
  }

  @Override
  public void callStart(HttpRequest request) {
    for (EventListener listener : listeners) {
      try {
        listener.callStart(request);
      } catch (RuntimeException e) {
        thrown(listener, "callStart", e);
      }
    }
  }

  @Override
  public void attemptStart(int attempt, HttpRequest request, AttemptReason reason) {
    for (EventListener listener : listeners) {
      try {
        listener.attemptStart(attempt, request, reason);
      } catch (RuntimeException e) {
        thrown(listener, "attemptStart", e);
      }
    }
  }

  @Override
  public void queued(int attempt) {
    for (EventListener listener : listeners) {
      try {
        listener.queued(attempt);
      } catch (RuntimeException e) {
        thrown(listener, "queued", e);
      }
    }
  }

  @Override
  public void dequeued(int attempt) {
    for (EventListener listener : listeners) {
      try {
        listener.dequeued(attempt);
      } catch (RuntimeException e) {
        thrown(listener, "dequeued", e);
      }
    }
  }

  @Override
  public void connectionAcquired(int attempt, boolean reused) {
    for (EventListener listener : listeners) {
      try {
        listener.connectionAcquired(attempt, reused);
      } catch (RuntimeException e) {
        thrown(listener, "connectionAcquired", e);
      }
    }
  }

  @Override
  public void dnsStart(int attempt, String host) {
    for (EventListener listener : listeners) {
      try {
        listener.dnsStart(attempt, host);
      } catch (RuntimeException e) {
        thrown(listener, "dnsStart", e);
      }
    }
  }

  @Override
  public void dnsEnd(int attempt, String host, List<InetSocketAddress> addresses) {
    for (EventListener listener : listeners) {
      try {
        listener.dnsEnd(attempt, host, addresses);
      } catch (RuntimeException e) {
        thrown(listener, "dnsEnd", e);
      }
    }
  }

  @Override
  public void connectStart(int attempt, InetSocketAddress address) {
    for (EventListener listener : listeners) {
      try {
        listener.connectStart(attempt, address);
      } catch (RuntimeException e) {
        thrown(listener, "connectStart", e);
      }
    }
  }

  @Override
  public void connectEnd(int attempt, InetSocketAddress address) {
    for (EventListener listener : listeners) {
      try {
        listener.connectEnd(attempt, address);
      } catch (RuntimeException e) {
        thrown(listener, "connectEnd", e);
      }
    }
  }

  @Override
  public void connectFailed(int attempt, InetSocketAddress address, IOException cause) {
    for (EventListener listener : listeners) {
      try {
        listener.connectFailed(attempt, address, cause);
      } catch (RuntimeException e) {
        thrown(listener, "connectFailed", e);
      }
    }
  }

  @Override
  public void proxyHandshakeStart(int attempt, InetSocketAddress proxy) {
    for (EventListener listener : listeners) {
      try {
        listener.proxyHandshakeStart(attempt, proxy);
      } catch (RuntimeException e) {
        thrown(listener, "proxyHandshakeStart", e);
      }
    }
  }

  @Override
  public void proxyHandshakeEnd(int attempt, InetSocketAddress proxy) {
    for (EventListener listener : listeners) {
      try {
        listener.proxyHandshakeEnd(attempt, proxy);
      } catch (RuntimeException e) {
        thrown(listener, "proxyHandshakeEnd", e);
      }
    }
  }

  @Override
  public void tlsStart(int attempt, String host) {
    for (EventListener listener : listeners) {
      try {
        listener.tlsStart(attempt, host);
      } catch (RuntimeException e) {
        thrown(listener, "tlsStart", e);
      }
    }
  }

  @Override
  public void tlsEnd(int attempt, String host) {
    for (EventListener listener : listeners) {
      try {
        listener.tlsEnd(attempt, host);
      } catch (RuntimeException e) {
        thrown(listener, "tlsEnd", e);
      }
    }
  }

  @Override
  public void requestHeadStart(int attempt, HttpRequest request, HeadFields fields) {
    for (EventListener listener : listeners) {
      try {
        listener.requestHeadStart(attempt, request, fields);
      } catch (RuntimeException e) {
        thrown(listener, "requestHeadStart", e);
      }
    }
  }

  @Override
  public void requestHeadSent(int attempt) {
    for (EventListener listener : listeners) {
      try {
        listener.requestHeadSent(attempt);
      } catch (RuntimeException e) {
        thrown(listener, "requestHeadSent", e);
      }
    }
  }

  @Override
  public void requestBodySent(int attempt, long byteCount) {
    for (EventListener listener : listeners) {
      try {
        listener.requestBodySent(attempt, byteCount);
      } catch (RuntimeException e) {
        thrown(listener, "requestBodySent", e);
      }
    }
  }

  @Override
  public void responseHeadReceived(int attempt, int code) {
    for (EventListener listener : listeners) {
      try {
        listener.responseHeadReceived(attempt, code);
      } catch (RuntimeException e) {
        thrown(listener, "responseHeadReceived", e);
      }
    }
  }

  @Override
  public void responseBodyReceived(int attempt, long byteCount) {
    for (EventListener listener : listeners) {
      try {
        listener.responseBodyReceived(attempt, byteCount);
      } catch (RuntimeException e) {
        thrown(listener, "responseBodyReceived", e);
      }
    }
  }

  @Override
  public void connectionReleased(int attempt, boolean keptAlive) {
    for (EventListener listener : listeners) {
      try {
        listener.connectionReleased(attempt, keptAlive);
      } catch (RuntimeException e) {
        thrown(listener, "connectionReleased", e);
      }
    }
  }

  @Override
  public void attemptEnd(int attempt, HttpResponse response) {
    for (EventListener listener : listeners) {
      try {
        listener.attemptEnd(attempt, response);
      } catch (RuntimeException e) {
        thrown(listener, "attemptEnd", e);
      }
    }
  }

  @Override
  public void attemptFailed(int attempt, HttpClientException error) {
    for (EventListener listener : listeners) {
      try {
        listener.attemptFailed(attempt, error);
      } catch (RuntimeException e) {
        thrown(listener, "attemptFailed", e);
      }
    }
  }

  @Override
  public void cancelled(int attempt, CancelEffect effect, long discardedBytes) {
    for (EventListener listener : listeners) {
      try {
        listener.cancelled(attempt, effect, discardedBytes);
      } catch (RuntimeException e) {
        thrown(listener, "cancelled", e);
      }
    }
  }

  @Override
  public void callEnd(HttpResponse response) {
    for (EventListener listener : listeners) {
      try {
        listener.callEnd(response);
      } catch (RuntimeException e) {
        thrown(listener, "callEnd", e);
      }
    }
  }

  @Override
  public void callFailed(HttpClientException error) {
    for (EventListener listener : listeners) {
      try {
        listener.callFailed(error);
      } catch (RuntimeException e) {
        thrown(listener, "callFailed", e);
      }
    }
  }

  private static void thrown(EventListener listener, String event, RuntimeException e) {
    log.warn("event listener {} threw from {}; ignored", listener.getClass().getName(), event, e);
  }
}
