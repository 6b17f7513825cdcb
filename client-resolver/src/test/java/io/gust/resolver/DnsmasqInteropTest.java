package io.gust.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gust.client.AddressFamily;
import io.gust.loop.EventLoop;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DnsResolver} against a real dnsmasq on a loopback port, serving names from a test hosts
 * file and refusing to forward anything. Skipped when dnsmasq is not installed, except under
 * {@code CI=true}, where it must be.
 */
@Timeout(30)
class DnsmasqInteropTest {
  @TempDir static Path dir;
  private static Dnsmasq dnsmasq;
  private final EventLoop loop = EventLoop.create();
  private DnsResolver resolver;

  @BeforeAll
  static void startDnsmasq() throws Exception {
    Path binary = Dnsmasq.find();
    if (binary == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("dnsmasq is not installed (CI=true requires it: apt-get install dnsmasq)");
      }
      assumeTrue(false, "dnsmasq not found in PATH or /usr/sbin; skipping (apt-get install dnsmasq)");
    }
    dnsmasq = Dnsmasq.start(binary, dir, """
        192.0.2.10 www.interop.test
        2001:db8::10 www.interop.test
        192.0.2.11 v4only.interop.test
        192.0.2.12 short.lab.interop.test
        """, "cname=alias.interop.test,www.interop.test");
  }

  @AfterAll
  static void stopDnsmasq() {
    if (dnsmasq != null) {
      dnsmasq.close();
    }
  }

  @AfterEach
  void closeAll() {
    if (resolver != null) {
      resolver.close();
    }
    loop.close();
  }

  @Test
  void bothFamiliesResolveIpv6First() throws Exception {
    resolver = builder().build();
    assertEquals(List.of(DnsResolverTest.address("2001:db8::10", 443),
        DnsResolverTest.address("192.0.2.10", 443)), resolve("www.interop.test", 443, AddressFamily.ANY));
  }

  @Test
  void nameWithOnlyAnARecordAnswersWithoutWaitingLong() throws Exception {
    resolver = builder().resolutionDelay(Duration.ofSeconds(10)).build();
    assertEquals(List.of(DnsResolverTest.address("192.0.2.11", 80)),
        resolve("v4only.interop.test", 80, AddressFamily.ANY));
  }

  @Test
  void cnameIsFollowed() throws Exception {
    resolver = builder().build();
    assertEquals(List.of(DnsResolverTest.address("192.0.2.10", 80)),
        resolve("alias.interop.test", 80, AddressFamily.IPV4));
  }

  @Test
  void searchDomainCompletesAShortName() throws Exception {
    resolver = builder().searchDomains(List.of("nowhere.interop.test", "lab.interop.test")).build();
    assertEquals(List.of(DnsResolverTest.address("192.0.2.12", 80)),
        resolve("short", 80, AddressFamily.IPV4));
  }

  @Test
  void unknownLocalNameIsNotFound() {
    resolver = builder().build();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> resolve("missing.interop.test", 80, AddressFamily.ANY));
    assertInstanceOf(HostNotFoundException.class, e.getCause());
  }

  private DnsResolver.Builder builder() {
    return DnsResolver.builder().resolvConf(dir.resolve("absent")).hostsFile(null)
        .nameserver("127.0.0.1:" + dnsmasq.port).attemptTimeout(Duration.ofSeconds(2)).attempts(1);
  }

  private List<InetSocketAddress> resolve(String host, int port, AddressFamily family)
      throws Exception {
    return Loops.await(loop, () -> resolver.resolve(loop, host, port, family));
  }
}
