package io.gust.client;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The codings a client asks for: the Accept-Encoding value and the tokens it decodes. Immutable. */
final class ContentCodings {
  static final ContentCodings DEFAULT =
      new ContentCodings(List.of(ContentCoding.GZIP, ContentCoding.DEFLATE));

  /** The field value, such as {@code gzip, deflate, br}. */
  final String acceptEncoding;
  final Set<String> tokens;

  private ContentCodings(List<ContentCoding> codings) {
    Set<String> names = new LinkedHashSet<>();
    for (ContentCoding coding : codings) {
      names.add(coding.token());
    }
    this.tokens = Set.copyOf(names);
    this.acceptEncoding = String.join(", ", names);
  }

  /** Checks each coding's library and keeps them in the given order, without repeats. */
  static ContentCodings of(ContentCoding... codings) {
    if (codings.length == 0) {
      throw new IllegalArgumentException("name at least one content coding");
    }
    for (ContentCoding coding : codings) {
      coding.requireAvailable();
    }
    return new ContentCodings(List.of(codings));
  }
}
