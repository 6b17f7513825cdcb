package io.gust.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AddressFamily;
import io.gust.client.Resolver;
import io.gust.loop.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OverrideResolverTest {
  private final EventLoop loop = EventLoop.create();
  private final List<String> delegated = new CopyOnWriteArrayList<>();
  private final Resolver delegate = (l, host, port, family) -> {
    delegated.add(host + ":" + port);
    return CompletableFuture.completedFuture(List.of(socket("198.51.100.1", port)));
  };

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  @Test
  void hostAndPortEntryWinsOverHostEntryWhichWinsOverTheDelegate() throws Exception {
    OverrideResolver resolver = OverrideResolver.builder()
        .override("api.test", List.of(ip("192.0.2.1")))
        .override("API.test", 8443, List.of(ip("192.0.2.2")))
        .build(delegate);
    assertEquals(List.of(socket("192.0.2.2", 8443)), resolve(resolver, "api.test.", 8443));
    assertEquals(List.of(socket("192.0.2.1", 80)), resolve(resolver, "Api.Test", 80));
    assertEquals(List.of(socket("198.51.100.1", 80)), resolve(resolver, "other.test", 80));
    assertEquals(List.of("other.test:80"), delegated);
  }

  @Test
  void curlSyntaxPinsHostAndPortWithBracketedIpv6() throws Exception {
    OverrideResolver resolver = OverrideResolver.builder()
        .curlResolve("example.test:443:[2001:db8::5],192.0.2.5")
        .curlResolve("+plus.test:80:192.0.2.6")
        .build(delegate);
    assertEquals(List.of(socket("2001:db8::5", 443), socket("192.0.2.5", 443)),
        resolve(resolver, "example.test", 443));
    assertEquals(List.of(socket("192.0.2.6", 80)), resolve(resolver, "plus.test", 80));
    assertEquals(List.of(socket("198.51.100.1", 80)), resolve(resolver, "example.test", 80));
  }

  @Test
  void malformedCurlEntriesAreRefused() {
    for (String bad : List.of("example.test", "example.test:443", "example.test:x:192.0.2.1",
        ":443:192.0.2.1", "example.test:443:not-an-ip", "example.test:443:192.0.2.1,")) {
      assertThrows(IllegalArgumentException.class,
          () -> OverrideResolver.builder().curlResolve(bad), bad);
    }
  }

  @Test
  void pinnedHostWithoutTheAskedFamilyFailsInsteadOfAskingTheDelegate() throws Exception {
    OverrideResolver resolver = OverrideResolver.builder()
        .override("v4.test", List.of(ip("192.0.2.1")))
        .build(delegate);
    ExecutionException e = assertThrows(ExecutionException.class, () -> resolver
        .resolve(loop, "v4.test", 80, AddressFamily.IPV6).get(5, TimeUnit.SECONDS));
    assertInstanceOf(HostNotFoundException.class, e.getCause());
    assertTrue(delegated.isEmpty());
  }

  private List<InetSocketAddress> resolve(Resolver resolver, String host, int port)
      throws Exception {
    return Loops.await(loop, () -> resolver.resolve(loop, host, port));
  }

  private static InetAddress ip(String literal) {
    return socket(literal, 0).getAddress();
  }

  private static InetSocketAddress socket(String literal, int port) {
    return DnsResolverTest.address(literal, port);
  }
}
