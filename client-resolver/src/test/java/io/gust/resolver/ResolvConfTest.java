package io.gust.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** resolv.conf and hosts parsing, and the search list they produce. */
@Timeout(10)
class ResolvConfTest {
  @Test
  void nameserversSearchAndOptionsAreRead() throws Exception {
    ResolvConf conf = ResolvConf.parse("""
        # comment
        nameserver 192.0.2.53   ; trailing comment
        nameserver ::1
        nameserver not-an-address
        domain ignored.test
        search Corp.Test. lab.test
        options ndots:3 timeout:2 attempts:4 rotate
        """);
    assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("192.0.2.53"), 53),
        new InetSocketAddress(InetAddress.getByName("::1"), 53)), conf.nameservers);
    assertEquals(List.of("corp.test", "lab.test"), conf.searchDomains);
    assertEquals(3, conf.ndots);
    assertEquals(Duration.ofSeconds(2), conf.timeout);
    assertEquals(4, conf.attempts);
  }

  @Test
  void missingSettingsTakeTheDefaultsAndOutOfRangeOptionsAreCapped() {
    ResolvConf conf = ResolvConf.parse("options ndots:99 attempts:0\nnameserver 1.2.3.4.5\n");
    assertEquals(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53)),
        conf.nameservers);
    assertEquals(List.of(), conf.searchDomains);
    assertEquals(15, conf.ndots);
    assertEquals(1, conf.attempts);
    assertEquals(Duration.ofSeconds(5), conf.timeout);
  }

  @Test
  void onlyTheFirstThreeNameserversCountAndTheLastDomainLineWins() {
    ResolvConf conf = ResolvConf.parse("nameserver 10.0.0.1\nnameserver 10.0.0.2\n"
        + "nameserver 10.0.0.3\nnameserver 10.0.0.4\nsearch a.test\ndomain b.test\n");
    assertEquals(3, conf.nameservers.size());
    assertEquals(List.of("b.test"), conf.searchDomains);
  }

  @Test
  void candidatesFollowNdotsAndTrailingDots() {
    DnsConfig config = new DnsConfig(ResolvConf.defaults().nameservers, List.of("a.test", "b.test"),
        2, Duration.ofSeconds(1), 1, Duration.ZERO, HostsFile.empty());
    assertEquals(List.of("db.a.test", "db.b.test", "db"), config.candidates("db"));
    assertEquals(List.of("x.y.a.test", "x.y.b.test", "x.y"), config.candidates("x.y"));
    assertEquals(List.of("x.y.z", "x.y.z.a.test", "x.y.z.b.test"), config.candidates("x.y.z"));
    assertEquals(List.of("db"), config.candidates("db."));
  }

  @Test
  void hostsFileMapsEveryNameAndAliasCaseInsensitively() throws Exception {
    HostsFile hosts = HostsFile.parse("""
        127.0.0.1 localhost
        10.0.0.7  Build.Test  build  # the build box
        fe80::7   build.test
        not-an-ip broken.test
        # 10.0.0.8 commented.test
        """);
    assertEquals(List.of(InetAddress.getByName("10.0.0.7"), InetAddress.getByName("fe80::7")),
        hosts.addresses("BUILD.test."));
    assertEquals("Build.Test", hosts.addresses("build.test").get(0).getHostName());
    assertEquals(List.of(InetAddress.getByName("10.0.0.7")), hosts.addresses("build"));
    assertNull(hosts.addresses("broken.test"));
    assertNull(hosts.addresses("commented.test"));
  }

  @Test
  void nameserverStringsTakeAnOptionalPort() throws Exception {
    assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5353),
        DnsResolver.Builder.parseServer("127.0.0.1:5353"));
    assertEquals(new InetSocketAddress(InetAddress.getByName("::1"), 5353),
        DnsResolver.Builder.parseServer("[::1]:5353"));
    assertEquals(new InetSocketAddress(InetAddress.getByName("::1"), 53),
        DnsResolver.Builder.parseServer("::1"));
    assertEquals(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 53),
        DnsResolver.Builder.parseServer("192.0.2.1"));
  }
}
