package io.gust.resolver;

import io.gust.client.AddressFamily;
import io.gust.net.Addresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings of a resolv.conf(5) file that a stub resolver needs: name servers, the search
 * list, and the {@code ndots}, {@code timeout} and {@code attempts} options. Pure: parses text,
 * reads no file. Unknown keywords and malformed lines are skipped, as the C library does.
 */
final class ResolvConf {
  static final int DNS_PORT = 53;
  /** resolv.conf(5): at most this many name servers are used. */
  static final int MAX_NAMESERVERS = 3;
  static final int DEFAULT_NDOTS = 1;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  static final int DEFAULT_ATTEMPTS = 2;

  final List<InetSocketAddress> nameservers;
  final List<String> searchDomains;
  final int ndots;
  final Duration timeout;
  final int attempts;

  private ResolvConf(List<InetSocketAddress> nameservers, List<String> searchDomains, int ndots,
      Duration timeout, int attempts) {
    this.nameservers = List.copyOf(nameservers);
    this.searchDomains = List.copyOf(searchDomains);
    this.ndots = ndots;
    this.timeout = timeout;
    this.attempts = attempts;
  }

  /** The defaults of resolv.conf(5) for a missing file: the local name server, no search list. */
  static ResolvConf defaults() {
    return parse("");
  }

  /** Parses the text of a resolv.conf file. */
  static ResolvConf parse(String text) {
    List<InetSocketAddress> nameservers = new ArrayList<>();
    List<String> search = List.of();
    int ndots = DEFAULT_NDOTS;
    int timeoutSeconds = (int) DEFAULT_TIMEOUT.toSeconds();
    int attempts = DEFAULT_ATTEMPTS;
    for (String line : text.split("\n")) {
      String[] words = words(line);
      if (words.length < 2) {
        continue;
      }
      switch (words[0]) {
        case "nameserver" -> {
          InetSocketAddress server = nameserver(words[1]);
          if (server != null && nameservers.size() < MAX_NAMESERVERS) {
            nameservers.add(server);
          }
        }
        // The last "search" or "domain" line wins.
        case "search" -> search = domains(words, 1);
        case "domain" -> search = domains(words, 1);
        case "options" -> {
          for (int i = 1; i < words.length; i++) {
            ndots = option(words[i], "ndots:", 15, ndots);
            timeoutSeconds = option(words[i], "timeout:", 30, timeoutSeconds);
            attempts = option(words[i], "attempts:", 5, attempts);
          }
        }
        default -> { }
      }
    }
    if (nameservers.isEmpty()) {
      nameservers.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), DNS_PORT));
    }
    Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
    return new ResolvConf(nameservers, search, ndots, timeout, Math.max(1, attempts));
  }

  private static String[] words(String line) {
    int comment = indexOfComment(line);
    String content = (comment >= 0 ? line.substring(0, comment) : line).trim();
    return content.isEmpty() ? new String[0] : content.split("[ \t]+");
  }

  private static int indexOfComment(String line) {
    int hash = line.indexOf('#');
    int semicolon = line.indexOf(';');
    if (hash < 0) {
      return semicolon;
    }
    return semicolon < 0 ? hash : Math.min(hash, semicolon);
  }

  private static InetSocketAddress nameserver(String word) {
    List<InetSocketAddress> literal = Addresses.literal(word, DNS_PORT, AddressFamily.ANY);
    return literal == null || literal.isEmpty() ? null : literal.get(0);
  }

  private static List<String> domains(String[] words, int from) {
    List<String> domains = new ArrayList<>(words.length - from);
    for (int i = from; i < words.length; i++) {
      String domain = words[i].toLowerCase(Locale.ROOT);
      if (domain.endsWith(".")) {
        domain = domain.substring(0, domain.length() - 1);
      }
      if (!domain.isEmpty() && DnsQuery.isValidName(domain)) {
        domains.add(domain);
      }
    }
    return domains;
  }

  private static int option(String word, String prefix, int max, int current) {
    if (!word.startsWith(prefix)) {
      return current;
    }
    try {
      return Math.min(max, Math.max(0, Integer.parseInt(word.substring(prefix.length()))));
    } catch (NumberFormatException e) {
      return current;
    }
  }
}
