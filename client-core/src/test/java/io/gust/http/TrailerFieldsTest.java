package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.Headers;
import org.junit.jupiter.api.Test;

class TrailerFieldsTest {
  @Test
  void fieldsNeededBeforeTheContentAreRefusedInAnyCase() {
    for (String name : new String[] {"Content-Length", "transfer-encoding", "TRAILER", "Host",
        "Connection", "TE", "Cache-Control", "If-None-Match", "Range", "Authorization",
        "WWW-Authenticate", "Set-Cookie", "Cookie", "Date", "Location", "Vary", "Retry-After",
        "Content-Type", "Content-Encoding", "Content-Range", "content-language"}) {
      assertFalse(TrailerFields.isAllowed(name), name);
    }
  }

  @Test
  void metadataKnownAfterTheContentIsAllowed() {
    for (String name : new String[] {"X-Checksum", "Server-Timing", "Content-Digest",
        "Repr-Digest", "ETag", "Authentication-Info", "grpc-status"}) {
      assertTrue(TrailerFields.isAllowed(name), name);
    }
  }

  @Test
  void checkNamesTheFirstForbiddenField() {
    TrailerFields.check(Headers.empty());
    TrailerFields.check(Headers.of("X-A", "1", "Content-Digest", "sha-256=:x:"));
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> TrailerFields.check(Headers.of("X-A", "1", "Expires", "0", "Age", "1")));
    assertEquals("field not allowed in trailers (RFC 9110 §6.5.1): Expires", error.getMessage());
  }
}
