package io.gust.client;

import io.gust.http.Http1Writer;
import io.gust.http.HttpChars;
import io.gust.http2.HeaderField;
import java.util.List;
import java.util.Locale;
import okio.Buffer;

/**
 * Where an event listener adds fields to the request head being written: into the partition's
 * head buffer, or into an HTTP/2 header list, and only while the head is open for it. One per
 * partition; loop-confined.
 */
final class HeadFieldWriter implements EventListener.HeadFields {
  private final Buffer heads;
  private boolean open;
  /** The HTTP/2 header list fields go to instead of the buffer; null for HTTP/1.1. */
  private List<HeaderField> list;

  HeadFieldWriter(Buffer heads) {
    this.heads = heads;
  }

  /** The listener may add fields from now until {@link #close()}. */
  HeadFieldWriter open() {
    open = true;
    return this;
  }

  /** Fields added from now until {@link #close()} go to {@code fields}, an HTTP/2 header list. */
  HeadFieldWriter into(List<HeaderField> fields) {
    list = fields;
    return this;
  }

  void close() {
    open = false;
    list = null;
  }

  @Override
  public void add(String name, String value) {
    if (!open) {
      throw new IllegalStateException("the request head was already written");
    }
    HttpChars.checkToken(name, "field name");
    HttpChars.checkFieldValue(name, value);
    if (list != null) {
      list.add(new HeaderField(name.toLowerCase(Locale.ROOT), value));
    } else {
      Http1Writer.writeField(heads, name, value);
    }
  }
}
