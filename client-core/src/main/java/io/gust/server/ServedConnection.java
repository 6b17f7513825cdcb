package io.gust.server;

import io.gust.loop.EventLoop;

/**
 * A connection the server holds open, whatever protocol it speaks, as {@link HttpServer#close()}
 * sees it: it can be asked to drain (finish what is under way, take nothing new) and, past the
 * shutdown timeout, to fail. Both run on {@link #loop()}.
 */
interface ServedConnection {
  /** The loop that owns this connection. */
  EventLoop loop();

  /** Finishes the exchanges under way and then closes; takes no new ones. Loop thread. */
  void drain();

  /** Closes at once; idempotent. Loop thread. */
  void fail(Throwable cause);
}
