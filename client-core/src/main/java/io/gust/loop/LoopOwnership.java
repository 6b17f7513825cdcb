package io.gust.loop;

import java.util.List;
import java.util.Objects;

/**
 * The loops a client or server runs on, and whether it must close them: a loop or group it was
 * given ({@link #borrowed}) stays its caller's, a loop it created ({@link #owned()}) is closed by
 * {@link #close()}. {@code AsyncHttpClient} and {@code HttpServer} make this choice the same way,
 * through this type.
 *
 * <p>Immutable and thread-safe.
 */
public final class LoopOwnership {
  private final List<EventLoop> loops;
  /** The loop created for this owner, which {@link #close()} closes; null when borrowed. */
  private final EventLoop created;

  private LoopOwnership(List<EventLoop> loops, EventLoop created) {
    this.loops = loops;
    this.created = created;
  }

  /** Runs on {@code loop}, which {@link #close()} leaves open. */
  public static LoopOwnership borrowed(EventLoop loop) {
    return new LoopOwnership(List.of(Objects.requireNonNull(loop, "loop")), null);
  }

  /** Runs on {@code group}'s loops, which {@link #close()} leaves open. */
  public static LoopOwnership borrowed(EventLoopGroup group) {
    return new LoopOwnership(Objects.requireNonNull(group, "group").loops(), null);
  }

  /** Creates a loop with the default settings, which {@link #close()} closes. */
  public static LoopOwnership owned() {
    EventLoop loop = EventLoop.create();
    return new LoopOwnership(List.of(loop), loop);
  }

  /** Returns the loops to run on, in a fixed order; never empty. */
  public List<EventLoop> loops() {
    return loops;
  }

  /**
   * Closes the loop {@link #owned()} created, as {@link EventLoop#close()} does; does nothing to
   * borrowed loops. Idempotent.
   */
  public void close() {
    if (created != null) {
      created.close();
    }
  }
}
