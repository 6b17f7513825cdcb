package io.gust.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AddressFamily;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AddressesTest {
  @Test
  void localhostIsIpv4ThenIpv6AndFiltersByFamily() throws Exception {
    InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80);
    InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 80);
    assertEquals(List.of(v4, v6), Addresses.literal("LocalHost.", 80, AddressFamily.ANY));
    assertEquals(List.of(v6), Addresses.literal("api.localhost", 80, AddressFamily.IPV6));
  }

  @Test
  void ipLiteralsParseWithOrWithoutBrackets() throws Exception {
    assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 443)),
        Addresses.literal("[2001:db8::1]", 443, AddressFamily.ANY));
    assertEquals(1, Addresses.literal("2001:db8::1", 443, AddressFamily.IPV6).size());
    assertEquals(List.of(), Addresses.literal("192.0.2.1", 443, AddressFamily.IPV6));
  }

  @Test
  void namesAndNearLiteralsNeedALookupAndAreNeverLookedUpHere() {
    // Regression: a colon name such as "zz:1" reached the JDK's blocking name lookup.
    for (String name : List.of("example.test", "zz:1", "face:cafe:bad", "1.2.3", "1.2.3.4.5",
        "256.1.1.1", "[1.2.3.4]")) {
      assertNull(Addresses.literal(name, 80, AddressFamily.ANY), name);
    }
  }

  @Test
  void dottedQuadCheckAcceptsOnlyFourOctets() {
    assertTrue(Addresses.isIpv4Literal("0.0.0.0"));
    assertTrue(Addresses.isIpv4Literal("255.255.255.255"));
    assertFalse(Addresses.isIpv4Literal("1..2.3"));
    assertFalse(Addresses.isIpv4Literal("1.2.3.4."));
    assertFalse(Addresses.isIpv4Literal("1234.1.1.1"));
  }
}
