package io.gust.resolver;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The settled configuration of a {@link DnsResolver}. Immutable. */
final class DnsConfig {
  final List<InetSocketAddress> nameservers;
  final List<String> searchDomains;
  final int ndots;
  final long attemptTimeoutNanos;
  final int attempts;
  final long resolutionDelayNanos;
  final HostsFile hosts;

  DnsConfig(List<InetSocketAddress> nameservers, List<String> searchDomains, int ndots,
      Duration attemptTimeout, int attempts, Duration resolutionDelay, HostsFile hosts) {
    if (nameservers.isEmpty()) {
      throw new IllegalArgumentException("no name servers");
    }
    this.nameservers = List.copyOf(nameservers);
    this.searchDomains = List.copyOf(searchDomains);
    this.ndots = ndots;
    this.attemptTimeoutNanos = attemptTimeout.toNanos();
    this.attempts = attempts;
    this.resolutionDelayNanos = resolutionDelay.toNanos();
    this.hosts = hosts;
  }

  /**
   * The names to ask for {@code name} (lower case), in order, per resolv.conf(5): a trailing dot
   * means the name is absolute; a name with at least {@code ndots} dots is tried as is before the
   * search domains, others after them.
   */
  List<String> candidates(String name) {
    if (name.endsWith(".")) {
      return List.of(name.substring(0, name.length() - 1));
    }
    if (searchDomains.isEmpty()) {
      return List.of(name);
    }
    List<String> candidates = new ArrayList<>(searchDomains.size() + 1);
    boolean asIsFirst = dots(name) >= ndots;
    if (asIsFirst) {
      candidates.add(name);
    }
    for (String domain : searchDomains) {
      String qualified = name + "." + domain;
      if (DnsQuery.isValidName(qualified)) {
        candidates.add(qualified);
      }
    }
    if (!asIsFirst) {
      candidates.add(name);
    }
    return candidates;
  }

  private static int dots(String name) {
    int dots = 0;
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) == '.') {
        dots++;
      }
    }
    return dots;
  }
}
