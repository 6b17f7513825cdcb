package io.gust.loop;

/** The thread of one {@link EventLoop}; lets {@link EventLoop#current()} answer without a lookup. */
final class LoopThread extends Thread {
  final EventLoop loop;

  LoopThread(Runnable body, String name, EventLoop loop) {
    super(body, name);
    this.loop = loop;
  }
}
