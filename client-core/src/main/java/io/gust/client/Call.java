package io.gust.client;

import io.gust.loop.Cancellable;

/** A call in progress, as its caller holds it: a plain {@link Fetch} or an intercepted call. */
interface Call extends Cancellable {
  /** Whether the call reached its end (its result is on its way); any thread may ask. */
  boolean hasEnded();
}
