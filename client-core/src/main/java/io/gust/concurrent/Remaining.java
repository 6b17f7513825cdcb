package io.gust.concurrent;

/**
 * What a combinator does with the inputs still running once its own result is decided before they
 * all finished: the first failure of {@code all}, the first success of {@code any}, the first
 * completion of {@code first}, a timeout, or the caller cancelling the returned future.
 *
 * <p>A cancel reaches whatever the input future stands for: for a fetch, the exchange is aborted
 * and its connection slot freed.
 */
public enum Remaining {
  /** Leave them running; their results are ignored (Tornado's {@code multi} behaves so). */
  LEAVE,
  /**
   * Cancel them with {@code cancel(true)}. The cancellations this causes are not reported as
   * further failures.
   */
  CANCEL
}
