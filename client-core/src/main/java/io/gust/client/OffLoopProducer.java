package io.gust.client;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * A body producer that reads files: the client hands it the executor where blocking file reads
 * belong, so that they never run on the loop.
 */
interface OffLoopProducer extends BodyProducer {
  /** Starts writing the body to {@code writer}, reading files on {@code files}. */
  void produce(BodyWriter writer, Executor files);

  /** Outside a client (which always passes its file executor) reads run on the common pool. */
  @Override
  default void produce(BodyWriter writer) {
    produce(writer, ForkJoinPool.commonPool());
  }
}
