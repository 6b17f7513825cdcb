package io.gust.client;

import io.gust.loop.Cancellable;

/** A call in progress, as its caller holds it: a plain {@link Fetch} or an intercepted call. */
interface Call extends Cancellable {
  /** Whether the call reached its end (its result is on its way); any thread may ask. */
  boolean hasEnded();

  /**
   * Cancels from any thread and returns the {@link RequestCancelledException} the call then
   * reports, or null when it had ended or was cancelled already. With {@code needsLoop}, also
   * null when the loop closed before it could fail the call (the client's close fails it).
   */
  RequestCancelledException requestCancel(boolean needsLoop);
}
