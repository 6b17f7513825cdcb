package io.gust.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * One fault that a {@link FaultProxy} injects into one connection: what happens, in which
 * direction, and at which byte offset of that direction's stream (the count of bytes forwarded
 * before it strikes; 0 strikes before the first byte). Immutable.
 *
 * @param kind what happens
 * @param direction the stream it strikes in
 * @param offset bytes of that stream forwarded intact before it strikes
 * @param delay how long {@link Kind#DELAY} holds the stream; zero otherwise
 * @param mask the bits {@link Kind#CORRUPT} flips in the byte at the offset; zero otherwise
 */
public record Fault(Kind kind, Direction direction, long offset, Duration delay, int mask) {
  /** The two streams of a proxied connection. */
  public enum Direction {
    /** Bytes the client sends: requests. */
    CLIENT_TO_SERVER,
    /** Bytes the server sends: responses. */
    SERVER_TO_CLIENT
  }

  /** What a fault does when its offset is reached. */
  public enum Kind {
    /** Forwards everything untouched. */
    NONE,
    /** Holds the stream for {@link #delay()}, then forwards the rest untouched. */
    DELAY,
    /** Sends FIN to both peers at once and discards whatever either sends afterwards. */
    DROP,
    /** Resets both peers' connections (SO_LINGER 0, then close): they see RST. */
    RESET,
    /** Stops forwarding this stream but keeps both sockets open until the proxy closes. */
    STALL,
    /** Sends FIN to this stream's receiver and discards the rest of the stream; the other stream flows on. */
    TRUNCATE,
    /** Forwards the rest of the stream one byte per write. */
    SPLIT_WRITES,
    /** Flips the bits of {@link #mask()} in the byte at the offset, then forwards the rest untouched. */
    CORRUPT
  }

  /** Checks the parameters. */
  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(delay, "delay");
    if (offset < 0 || delay.isNegative()) {
      throw new IllegalArgumentException("negative offset or delay");
    }
    if (kind == Kind.CORRUPT && (mask & 0xff) == 0) {
      throw new IllegalArgumentException("a corruption must flip at least one bit");
    }
  }

  /** No fault: the connection is forwarded untouched. */
  public static Fault none() {
    return new Fault(Kind.NONE, Direction.SERVER_TO_CLIENT, 0, Duration.ZERO, 0);
  }

  /** Holds {@code direction} for {@code delay} once {@code offset} bytes went through. */
  public static Fault delay(Direction direction, long offset, Duration delay) {
    return new Fault(Kind.DELAY, direction, offset, delay, 0);
  }

  /** Sends FIN both ways once {@code offset} bytes of {@code direction} went through. */
  public static Fault drop(Direction direction, long offset) {
    return of(Kind.DROP, direction, offset);
  }

  /** Resets the connection once {@code offset} bytes of {@code direction} went through. */
  public static Fault reset(Direction direction, long offset) {
    return of(Kind.RESET, direction, offset);
  }

  /** Stops forwarding {@code direction} for good once {@code offset} bytes went through. */
  public static Fault stall(Direction direction, long offset) {
    return of(Kind.STALL, direction, offset);
  }

  /** Ends {@code direction} with FIN after exactly {@code offset} bytes. */
  public static Fault truncate(Direction direction, long offset) {
    return of(Kind.TRUNCATE, direction, offset);
  }

  /** Forwards {@code direction} one byte per write from {@code offset} on. */
  public static Fault splitWrites(Direction direction, long offset) {
    return of(Kind.SPLIT_WRITES, direction, offset);
  }

  /** Flips the bits of {@code mask} in byte {@code offset} of {@code direction}. */
  public static Fault corrupt(Direction direction, long offset, int mask) {
    return new Fault(Kind.CORRUPT, direction, offset, Duration.ZERO, mask & 0xff);
  }

  private static Fault of(Kind kind, Direction direction, long offset) {
    return new Fault(kind, direction, offset, Duration.ZERO, 0);
  }

  /**
   * Returns a plan that gives each connection a fault drawn from {@code seed} and the connection
   * index alone, so a run repeats whatever order connections come in: any kind (NONE included),
   * either direction, an offset below {@code maxOffset}, delays up to {@code maxDelay}. Prints
   * the seed so that a failing run can be repeated.
   */
  public static IntFunction<Fault> randomPlan(long seed, long maxOffset, Duration maxDelay) {
    System.out.println("FaultProxy random plan, seed " + seed);
    Kind[] kinds = Kind.values();
    Direction[] directions = Direction.values();
    return index -> {
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
      Kind kind = kinds[random.nextInt(kinds.length)];
      Direction direction = directions[random.nextInt(directions.length)];
      long offset = random.nextLong(maxOffset);
      Duration delay = kind == Kind.DELAY
          ? Duration.ofNanos(random.nextLong(maxDelay.toNanos() + 1))
          : Duration.ZERO;
      int mask = kind == Kind.CORRUPT ? 1 + random.nextInt(255) : 0;
      return new Fault(kind, direction, offset, delay, mask);
    };
  }
}
