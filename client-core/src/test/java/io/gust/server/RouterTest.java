package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RouterTest {
  private static final Handler OK = request -> Response.ok("ok");

  private final Route exact = Route.of("GET", "/a", OK, null);
  private final Route prefix = Route.of("GET", "/files/*", OK, null);
  private final Route regex = Route.of("POST", Pattern.compile("/items/(\\d+)/(\\w+)"), OK, null);
  private final Route any = Route.of("*", "/any", OK, null);
  private final Router router = new Router(List.of(exact, prefix, regex, any));

  @Test
  void exactPrefixAndRegexRoutesMatchTheirPaths() {
    assertSame(exact, router.find("GET", "/a").route);
    assertEquals(404, router.find("GET", "/a/b").refusal.code());
    assertSame(prefix, router.find("GET", "/files/x/y").route);
    assertSame(prefix, router.find("GET", "/files").route);
    assertEquals(404, router.find("GET", "/filesystem").refusal.code());
    Router.Match match = router.find("POST", "/items/42/name");
    assertSame(regex, match.route);
    assertEquals(List.of("42", "name"), match.groups);
    assertEquals(404, router.find("POST", "/items/x/name").refusal.code());
  }

  @Test
  void aRegexRouteSkipsItsMatcherOnlyForPathsOutsideItsLiteralPrefix() {
    assertEquals("/items/", Route.literalPrefix(Pattern.compile("/items/(\\d+)")));
    assertEquals("/item", Route.literalPrefix(Pattern.compile("/items?/x")));
    assertEquals("", Route.literalPrefix(Pattern.compile("/a|/b")));
    assertEquals("", Route.literalPrefix(Pattern.compile("/A", Pattern.CASE_INSENSITIVE)));
    assertEquals("/x", Route.literalPrefix(Pattern.compile("/x")));
    Route optional = Route.of("GET", Pattern.compile("/items?/(\\d+)"), OK, null);
    assertEquals(List.of("7"), optional.match("/item/7"));
    assertEquals(List.of("8"), optional.match("/items/8"));
    assertNull(Route.of("GET", Pattern.compile("/a|/b"), OK, null).match("/c"));
    assertEquals(List.of(), Route.of("GET", Pattern.compile("/a|/b"), OK, null).match("/b"));
  }

  @Test
  void wrongMethodIs405WithAllowListingHeadForGet() {
    Router.Match match = router.find("PUT", "/a");
    assertNull(match.route);
    assertEquals(405, match.refusal.code());
    assertEquals("GET, HEAD", match.refusal.headers().get("Allow"));
    assertEquals("POST", router.find("GET", "/items/1/a").refusal.headers().get("Allow"));
  }

  @Test
  void headFallsBackToTheGetRouteAndAnyMethodMatchesEverything() {
    assertSame(exact, router.find("HEAD", "/a").route);
    assertSame(any, router.find("DELETE", "/any").route);
  }

  @Test
  void firstMatchingRouteWins() {
    Route first = Route.of("GET", "/same", OK, null);
    Route second = Route.of("GET", "/same", OK, null);
    assertSame(first, new Router(List.of(first, second)).find("GET", "/same").route);
  }
}
