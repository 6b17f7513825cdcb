package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryCookieJarTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2021-01-01T00:00:00Z"));
  private final MemoryCookieJar jar = MemoryCookieJar.builder().clock(clock).build();

  private void save(String url, String... fields) {
    jar.save(URI.create(url), List.of(fields));
  }

  private String header(String url) {
    return CookieJar.header(jar.cookiesFor(URI.create(url)));
  }

  @Test
  void rfcExampleHostOnlyCookieComesBack() {
    save("http://example.com/", "SID=31d4d96e407aad42");
    assertEquals("SID=31d4d96e407aad42", header("http://example.com/"));
    assertNull(header("http://www.example.com/"), "host-only: not for subdomains");
  }

  @Test
  void rfcExampleDomainCookiesGoToSubdomains() {
    save("http://example.com/", "SID=31d4d96e407aad42; Path=/; Domain=example.com",
        "lang=en-US; Path=/; Domain=example.com");
    assertEquals("SID=31d4d96e407aad42; lang=en-US", header("http://www.example.com/x"));
    assertEquals("SID=31d4d96e407aad42; lang=en-US", header("http://example.com/"));
    assertNull(header("http://notexample.com/"));
  }

  @Test
  void rfcExampleSecureCookieOnlyOverHttps() {
    save("https://example.com/", "SID=31d4d96e407aad42; Path=/; Secure; HttpOnly",
        "lang=en-US; Path=/; Domain=example.com");
    assertEquals("SID=31d4d96e407aad42; lang=en-US", header("https://example.com/"));
    assertEquals("SID=31d4d96e407aad42; lang=en-US", header("wss://example.com/"));
    assertEquals("lang=en-US", header("http://example.com/"));
    Cookie sid = jar.cookiesFor(URI.create("https://example.com/")).get(0);
    assertTrue(sid.isSecure() && sid.isHttpOnly() && sid.isHostOnly());
  }

  @Test
  void rfcExampleExpiresInThePastRemovesTheCookie() {
    save("http://example.com/", "lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT");
    assertEquals("lang=en-US", header("http://example.com/"));
    save("http://example.com/", "lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT");
    assertNull(header("http://example.com/"));
    assertTrue(jar.cookies().isEmpty());
  }

  @Test
  void expiryFollowsTheInjectedClock() {
    save("http://example.com/", "a=1; Max-Age=60", "b=2; Expires=Fri, 01 Jan 2021 00:02:00 GMT",
        "c=3");
    assertEquals("a=1; b=2; c=3", header("http://example.com/"));
    clock.advance(Duration.ofSeconds(60));
    assertEquals("b=2; c=3", header("http://example.com/"), "Max-Age=60 expires at 60 s");
    clock.advance(Duration.ofSeconds(60));
    assertEquals("c=3", header("http://example.com/"));
    assertNull(jar.cookies().get(0).expiresAt(), "a session cookie has no expiry");
  }

  @Test
  void maxAgeWinsOverExpiresWhateverTheOrder() {
    save("http://example.com/", "a=1; Max-Age=10; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
        "b=2; Expires=Fri, 01 Jan 2100 00:00:00 GMT; Max-Age=10", "c=3; Max-Age=0",
        "d=4; Max-Age=-5", "e=5; Max-Age=1x; Expires=Fri, 01 Jan 2021 00:00:20 GMT");
    assertEquals("a=1; b=2; e=5", header("http://example.com/"));
    clock.advance(Duration.ofSeconds(10));
    assertEquals("e=5", header("http://example.com/"), "a bad Max-Age is ignored, not Expires");
  }

  @Test
  void lifetimesAreCappedAtFourHundredDays() {
    save("http://example.com/", "a=1; Max-Age=999999999", "b=2; Expires=Fri, 01 Jan 2100 00:00:00 GMT");
    Instant cap = clock.instant().plus(Duration.ofDays(400));
    for (Cookie cookie : jar.cookies()) {
      assertEquals(cap, cookie.expiresAt());
    }
  }

  @Test
  void headerPutsLongerPathsFirstThenEarlierCreation() {
    save("http://example.com/a/b/c", "first=1; Path=/", "deep=2; Path=/a/b");
    clock.advance(Duration.ofSeconds(1));
    save("http://example.com/a/b/c", "second=3; Path=/", "mid=4; Path=/a");
    assertEquals("deep=2; mid=4; first=1; second=3", header("http://example.com/a/b/c"));
    save("http://example.com/", "first=updated; Path=/");
    assertEquals("deep=2; mid=4; first=updated; second=3", header("http://example.com/a/b/c"),
        "an update keeps the original creation time");
  }

  @Test
  void pathMatchingFollowsTheRfc() {
    save("http://example.com/", "docs=1; Path=/docs", "slash=2; Path=/docs/");
    assertEquals("docs=1", header("http://example.com/docs"));
    assertEquals("slash=2; docs=1", header("http://example.com/docs/"));
    assertEquals("slash=2; docs=1", header("http://example.com/docs/web"));
    assertNull(header("http://example.com/docsets"));
    assertNull(header("http://example.com/"));
    assertNull(header("http://example.com/Docs"), "paths are case-sensitive");
  }

  @Test
  void defaultPathIsTheDirectoryOfTheRequest() {
    save("http://example.com/a/b/page?q=1", "d=1", "bad=2; Path=relative");
    Cookie cookie = jar.cookies().get(0);
    assertEquals("/a/b", cookie.path());
    assertEquals("/a/b", jar.cookies().get(1).path(), "a path not starting with / is ignored");
    save("http://example.com/top", "t=1");
    save("http://example.com", "e=1");
    assertEquals("d=1; bad=2; t=1; e=1", header("http://example.com/a/b/x"));
    assertEquals("t=1; e=1", header("http://example.com/"));
  }

  @Test
  void domainAttributeMustCoverTheRequestHost() {
    save("http://www.example.com/", "a=1; Domain=other.com", "b=2; Domain=sub.www.example.com",
        "c=3; Domain=.EXAMPLE.com", "d=4; Domain=", "e=5; Domain=ample.com");
    assertEquals("c=3; d=4", header("http://www.example.com/"));
    assertEquals("c=3", header("http://x.example.com/"));
    assertFalse(jar.cookies().get(0).isHostOnly());
    assertTrue(jar.cookies().get(1).isHostOnly(), "an empty Domain is ignored: host-only");
    save("http://www.example.com/", "dot=6; Domain=example.com; Domain=.");
    assertTrue(jar.cookies().get(2).isHostOnly(), "Domain=. (the last) leaves nothing: host-only");
    assertNull(SetCookieParser.parse("bad=7; Domain=\u00e9" + "x".repeat(70), 0),
        "a Domain that IDNA refuses drops the cookie");
  }

  @Test
  void ipAddressesGetHostOnlyCookiesAndNoDomainMatching() {
    save("http://127.0.0.1:8080/", "a=1", "b=2; Domain=0.0.1", "c=3; Domain=127.0.0.1");
    assertEquals("a=1; c=3", header("http://127.0.0.1/"));
    assertTrue(jar.cookies().stream().allMatch(Cookie::isHostOnly),
        "Domain=127.0.0.1 from 127.0.0.1 is host-only, as curl keeps it: " + jar.cookies());
    save("http://127.0.0.1/", "c=9", "d=4; Domain=.127.0.0.1");
    assertEquals("a=1; c=9; d=4", header("http://127.0.0.1/"),
        "the host-only c=9 replaces it; a leading dot changes nothing");
    assertEquals(3, jar.cookies().size());
    save("http://[::1]/", "v6=1");
    assertEquals("v6=1", header("http://[::1]:9/"));
  }

  @Test
  void publicSuffixesAreRefused() {
    save("http://www.example.co.uk/", "a=1; Domain=co.uk", "b=2; Domain=uk",
        "c=3; Domain=example.co.uk");
    assertEquals("c=3", header("http://www.example.co.uk/"));
    save("http://foo.github.io/", "d=4; Domain=github.io", "e=5; Domain=foo.github.io");
    assertEquals("e=5", header("http://foo.github.io/"));
    assertNull(header("http://bar.github.io/"), "a private-section suffix is a boundary too");
    save("http://a.b.ck/", "w=1; Domain=b.ck");
    save("http://a.www.ck/", "x=1; Domain=www.ck");
    assertNull(header("http://a.b.ck/"), "*.ck makes b.ck a public suffix");
    assertEquals("x=1", header("http://a.www.ck/"), "!www.ck is an exception");
  }

  @Test
  void aPublicSuffixThatIsTheHostItselfGivesAHostOnlyCookie() {
    save("http://github.io/", "a=1; Domain=github.io");
    assertEquals("a=1", header("http://github.io/"));
    assertTrue(jar.cookies().get(0).isHostOnly());
    assertNull(header("http://foo.github.io/"));
  }

  @Test
  void publicSuffixCheckCanBeTurnedOff() {
    MemoryCookieJar open = MemoryCookieJar.builder().rejectPublicSuffixes(false).build();
    open.save(URI.create("http://a.corp/"), List.of("a=1; Domain=corp"));
    assertEquals(1, open.cookiesFor(URI.create("http://b.corp/")).size());
  }

  @Test
  void secureCookiesAreNotSetOrShadowedFromPlainHttp() {
    save("http://example.com/", "a=1; Secure");
    assertTrue(jar.cookies().isEmpty());
    save("https://example.com/", "s=secret; Secure; Path=/");
    save("http://example.com/", "s=evil", "s=evil2; Path=/deeper", "s=other; Path=/",
        "t=ok");
    assertEquals("s=secret; t=ok", header("https://example.com/deeper"));
    save("http://www.example.com/", "s=evil3; Domain=example.com");
    assertEquals("s=secret; t=ok", header("https://example.com/"));
    save("https://example.com/", "s=updated");
    assertEquals("s=updated; t=ok", header("https://example.com/"),
        "https may overwrite a Secure cookie");
  }

  @Test
  void securePrefixNeedsTheSecureAttribute() {
    save("https://example.com/", "__Secure-a=1", "__Secure-b=2; Secure",
        "__secure-c=3", "__SECURE-d=4; Secure; Domain=example.com");
    assertEquals("__Secure-b=2; __SECURE-d=4", header("https://example.com/"));
    save("http://example.com/", "__Secure-e=5; Secure");
    assertEquals(2, jar.cookies().size());
  }

  @Test
  void hostPrefixNeedsSecureHostOnlyAndRootPath() {
    save("https://example.com/a/b", "__Host-ok=1; Secure; Path=/",
        "__Host-nosecure=2; Path=/", "__Host-domain=3; Secure; Path=/; Domain=example.com",
        "__Host-nopath=4; Secure", "__Host-deep=5; Secure; Path=/a", "__host-lower=6; Secure");
    save("https://example.com/", "__Host-implicit=7; Secure");
    assertEquals(List.of("__Host-ok"), jar.cookies().stream().map(Cookie::name).toList(),
        "the default path / is not enough: Path=/ must be explicit");
  }

  @Test
  void namelessCookiesMayNotImitatePrefixes() {
    save("https://example.com/", "__Host-x; Secure; Path=/", "=__Secure-y; Secure", "plain");
    assertEquals("plain", header("https://example.com/"));
  }

  @Test
  void lenientParsingKeepsWhatBrowsersKeep() {
    save("http://example.com/", "  a  =  b c  ; path=/ ; HTTPONLY ; samesite=strict",
        "quoted=\"v\"", "eq=a=b=c", "nameless", "; lost=1", "tab\t=\tx",
        "ctl=\u0001bad", "=", "big=" + "x".repeat(4094), "ok=" + "x".repeat(4090));
    List<Cookie> cookies = jar.cookies();
    assertEquals(List.of("a", "quoted", "eq", "", "tab", "ok"),
        cookies.stream().map(Cookie::name).toList());
    assertEquals("b c", cookies.get(0).value());
    assertTrue(cookies.get(0).isHttpOnly());
    assertEquals(Cookie.SameSite.STRICT, cookies.get(0).sameSite());
    assertEquals("\"v\"", cookies.get(1).value());
    assertEquals("a=b=c", cookies.get(2).value());
    assertEquals("nameless", cookies.get(3).pair());
  }

  @Test
  void sameSiteIsKeptAsData() {
    save("https://example.com/", "a=1; SameSite=Lax", "b=2; SameSite=None; Secure",
        "c=3; SameSite=bogus", "d=4; SameSite=Strict; SameSite=Lax");
    assertEquals(List.of(Cookie.SameSite.LAX, Cookie.SameSite.NONE,
            Cookie.SameSite.UNSPECIFIED, Cookie.SameSite.LAX),
        jar.cookies().stream().map(Cookie::sameSite).toList());
  }

  @Test
  void overlongAttributeValuesAreIgnored() {
    save("http://example.com/a/", "a=1; Path=/" + "p".repeat(1024));
    assertEquals("/a", jar.cookies().get(0).path());
  }

  @Test
  void perDomainLimitEvictsTheLeastRecentlyUsedNonSecureFirst() {
    MemoryCookieJar small = MemoryCookieJar.builder().clock(clock).maxCookiesPerDomain(3).build();
    URI https = URI.create("https://example.com/");
    small.save(https, List.of("s=1; Secure", "a=1", "b=1"));
    small.cookiesFor(URI.create("http://example.com/"));
    small.save(https, List.of("c=1"));
    assertEquals(List.of("s", "b", "c"), small.cookies().stream().map(Cookie::name).toList(),
        "a and b were used after s, a before b; s is Secure so it goes last");
    small.save(https, List.of("d=1"));
    assertEquals(List.of("s", "c", "d"), small.cookies().stream().map(Cookie::name).toList());
  }

  @Test
  void totalLimitEvictsTheLeastRecentlyUsedAnywhere() {
    MemoryCookieJar small = MemoryCookieJar.builder().clock(clock).maxCookies(2).build();
    small.save(URI.create("http://a.com/"), List.of("a=1"));
    small.save(URI.create("http://b.com/"), List.of("b=1"));
    small.cookiesFor(URI.create("http://a.com/"));
    small.save(URI.create("http://c.com/"), List.of("c=1"));
    assertEquals(List.of("a", "c"), small.cookies().stream().map(Cookie::name).toList());
  }

  @Test
  void internationalHostsAreMatchedInPunycode() {
    save("http://www.xn--bcher-kva.example/", "a=1; Domain=BÜCHER.example");
    assertEquals("a=1", header("http://xn--bcher-kva.example/"));
    assertEquals("xn--bcher-kva.example", jar.cookies().get(0).domain());
  }

  @Test
  void toStringLeavesTheValueOut() {
    save("http://example.com/", "token=s3cr3t");
    assertFalse(jar.cookies().get(0).toString().contains("s3cr3t"));
  }
}
