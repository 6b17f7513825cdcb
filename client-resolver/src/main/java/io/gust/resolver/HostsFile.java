package io.gust.resolver;

import io.gust.client.AddressFamily;
import io.gust.net.Addresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The name-to-address table of a hosts(5) file. Pure: parses text, reads no file. Immutable and
 * thread-safe once built. Names match case-insensitively; a name listed on several lines gets
 * the addresses of all of them, in file order.
 */
final class HostsFile {
  private static final HostsFile EMPTY = new HostsFile(Map.of());

  private final Map<String, List<InetAddress>> addressesByName;

  private HostsFile(Map<String, List<InetAddress>> addressesByName) {
    this.addressesByName = addressesByName;
  }

  static HostsFile empty() {
    return EMPTY;
  }

  /** Parses the text of a hosts file; lines whose address is not an IP literal are skipped. */
  static HostsFile parse(String text) {
    Map<String, List<InetAddress>> table = new HashMap<>();
    for (String line : text.split("\n")) {
      int comment = line.indexOf('#');
      String content = (comment >= 0 ? line.substring(0, comment) : line).trim();
      if (content.isEmpty()) {
        continue;
      }
      String[] words = content.split("[ \t]+");
      List<InetSocketAddress> literal = words[0].equalsIgnoreCase("localhost")
          ? null : Addresses.literal(words[0], 0, AddressFamily.ANY);
      if (literal == null || literal.size() != 1) {
        continue;
      }
      byte[] address = literal.get(0).getAddress().getAddress();
      for (int i = 1; i < words.length; i++) {
        String name = normalize(words[i]);
        table.computeIfAbsent(name, n -> new ArrayList<>(2)).add(named(words[i], address));
      }
    }
    table.replaceAll((name, addresses) -> List.copyOf(addresses));
    return new HostsFile(Map.copyOf(table));
  }

  /** The addresses listed for {@code host}, in file order, or null when it is not listed. */
  List<InetAddress> addresses(String host) {
    return addressesByName.get(normalize(host));
  }

  int size() {
    return addressesByName.size();
  }

  /** Lower case without a trailing dot: the form names are compared in. */
  static String normalize(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static InetAddress named(String name, byte[] address) {
    try {
      return InetAddress.getByAddress(name, address);
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes", e);
    }
  }
}
