package io.gust.client;

import io.gust.http.Http1Writer;
import io.gust.http.HttpChars;
import okio.Buffer;

/**
 * Where an event listener adds fields to the request head being written: into the partition's
 * head buffer, and only while the head is open for it. One per partition; loop-confined.
 */
final class HeadFieldWriter implements EventListener.HeadFields {
  private final Buffer heads;
  private boolean open;

  HeadFieldWriter(Buffer heads) {
    this.heads = heads;
  }

  /** The listener may add fields from now until {@link #close()}. */
  HeadFieldWriter open() {
    open = true;
    return this;
  }

  void close() {
    open = false;
  }

  @Override
  public void add(String name, String value) {
    if (!open) {
      throw new IllegalStateException("the request head was already written");
    }
    Http1Writer.writeField(heads, HttpChars.checkToken(name, "field name"),
        HttpChars.checkFieldValue(name, value));
  }
}
