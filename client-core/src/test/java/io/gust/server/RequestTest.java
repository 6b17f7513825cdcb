package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gust.client.Headers;
import io.gust.client.Protocol;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestTest {
  private static Request request(String target) {
    return new Request("GET", target, Protocol.HTTP_1_1, Headers.of("Host", "x"),
        ByteString.encodeUtf8("body"), List.of("g1"), null, null, null);
  }

  @Test
  void pathAndQueryAreSplitAndParametersDecoded() {
    Request request = request("/p/a%20b?x=1&y=a+b&x=2&flag&z=%41");
    assertEquals("/p/a%20b", request.path());
    assertEquals("x=1&y=a+b&x=2&flag&z=%41", request.query());
    assertEquals(Map.of("x", List.of("1", "2"), "y", List.of("a b"), "flag", List.of(""),
        "z", List.of("A")), request.queryParameters());
    assertEquals("1", request.queryParameter("x"));
    assertNull(request.queryParameter("missing"));
  }

  @Test
  void targetWithoutQueryHasNoParameters() {
    Request request = request("/plain");
    assertEquals("/plain", request.path());
    assertNull(request.query());
    assertEquals(Map.of(), request.queryParameters());
  }

  @Test
  void absoluteFormTargetIsRoutedByItsPath() {
    assertEquals("/a/b", request("http://example.test:8080/a/b?q=1").path());
    assertEquals("/", request("http://example.test").path());
    assertEquals("1", request("http://example.test/a?q=1").queryParameter("q"));
  }

  @Test
  void malformedPercentEncodingIsKeptAsIs() {
    assertEquals("%zz", request("/?v=%zz").queryParameter("v"));
  }

  @Test
  void bodyHeadersAndGroupsAreExposed() {
    Request request = request("/");
    assertEquals("body", request.bodyString());
    assertEquals("x", request.header("host"));
    assertEquals("g1", request.pathGroup(1));
  }
}
