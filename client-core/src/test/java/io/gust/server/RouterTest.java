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
