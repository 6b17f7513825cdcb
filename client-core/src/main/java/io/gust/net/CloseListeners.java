package io.gust.net;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The close listeners of one stream: each hears the close exactly once, with its cause, even when
 * added after the close. A listener that throws is logged and the others still run.
 * Loop-confined.
 */
final class CloseListeners {
  private static final Logger log = LoggerFactory.getLogger(CloseListeners.class);

  /** Listeners not yet told; null until the first is added. */
  private List<Consumer<Throwable>> waiting;
  private boolean fired;
  private Throwable cause;

  void add(Consumer<Throwable> listener) {
    if (fired) {
      notify(listener);
      return;
    }
    if (waiting == null) {
      waiting = new ArrayList<>(2);
    }
    waiting.add(listener);
  }

  /** Tells every listener, now and later, that the stream closed with {@code closeCause}. */
  void fire(Throwable closeCause) {
    if (fired) {
      return;
    }
    fired = true;
    cause = closeCause;
    List<Consumer<Throwable>> listeners = waiting;
    waiting = null;
    if (listeners != null) {
      listeners.forEach(this::notify);
    }
  }

  private void notify(Consumer<Throwable> listener) {
    try {
      listener.accept(cause);
    } catch (RuntimeException | Error e) {
      log.warn("close listener threw", e);
    }
  }
}
