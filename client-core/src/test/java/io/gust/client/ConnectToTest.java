package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConnectToTest {
  private static ConnectTo rules(String host, int port, String targetHost, int targetPort) {
    HashMap<String, InetSocketAddress> rules = new HashMap<>();
    ConnectTo.add(rules, host, port, targetHost, targetPort);
    return new ConnectTo(rules);
  }

  @Test
  void mapsOnlyTheGivenHostAndPortIgnoringTheHostsCase() {
    ConnectTo rules = rules("Example.COM", 443, "10.0.0.7", 8443);
    assertEquals(InetSocketAddress.createUnresolved("10.0.0.7", 8443),
        rules.target("example.com", 443));
    assertEquals(InetSocketAddress.createUnresolved("example.com", 80),
        rules.target("example.com", 80));
    assertEquals(InetSocketAddress.createUnresolved("other.com", 443),
        rules.target("other.com", 443));
  }

  @Test
  void bracketedIpv6LiteralsMatchTheBareHostOfARequest() {
    ConnectTo rules = rules("[::1]", 80, "[fe80::2]", 8080);
    assertEquals("fe80::2", rules.target("::1", 80).getHostString());
  }

  @Test
  void refusesEmptyHostsAndPortsOutOfRange() {
    HashMap<String, InetSocketAddress> rules = new HashMap<>();
    assertThrows(IllegalArgumentException.class, () -> ConnectTo.add(rules, "", 80, "a", 80));
    assertThrows(IllegalArgumentException.class, () -> ConnectTo.add(rules, "a", 0, "b", 80));
    assertThrows(IllegalArgumentException.class, () -> ConnectTo.add(rules, "a", 80, "b", 65_536));
  }
}
