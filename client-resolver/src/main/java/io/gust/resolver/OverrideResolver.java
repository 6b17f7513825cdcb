package io.gust.resolver;

import io.gust.client.AddressFamily;
import io.gust.client.Resolver;
import io.gust.loop.EventLoop;
import io.gust.net.Addresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Fixed addresses for chosen host names, in front of another resolver: curl's
 * {@code --resolve HOST:PORT:ADDR}, Tornado's OverrideResolver. For tests and for pinning a name
 * to a server.
 *
 * <p>Host names match case-insensitively, with or without a trailing dot. An entry for the host
 * and the asked port wins over an entry for the host on any port; hosts without an entry go to
 * the delegate. An entry with no address of the asked family fails with
 * {@link HostNotFoundException} rather than asking the delegate: a pinned name never leaks to
 * DNS. Immutable and thread-safe; overridden names answer at once on the calling thread.
 * {@link #close()} closes the delegate.
 */
public final class OverrideResolver implements Resolver {
  private final Map<String, Entry> entries;
  private final Resolver delegate;

  private OverrideResolver(Map<String, Entry> entries, Resolver delegate) {
    this.entries = entries;
    this.delegate = delegate;
  }

  /** A builder for the table of overrides. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompletableFuture<List<InetSocketAddress>> resolve(
      EventLoop loop, String host, int port, AddressFamily family) {
    Entry entry = entries.get(HostsFile.normalize(host));
    List<InetAddress> pinned = entry == null ? null : entry.addresses(port);
    if (pinned == null) {
      return delegate.resolve(loop, host, port, family);
    }
    List<InetSocketAddress> addresses = new ArrayList<>(pinned.size());
    for (InetAddress address : pinned) {
      if (family.accepts(address)) {
        addresses.add(new InetSocketAddress(address, port));
      }
    }
    return addresses.isEmpty()
        ? CompletableFuture.failedFuture(
            new HostNotFoundException(host, "overridden with no " + family + " address"))
        : CompletableFuture.completedFuture(addresses);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "OverrideResolver{" + entries.size() + " hosts, then " + delegate + "}";
  }

  /**
   * Parses one curl {@code --resolve} entry, {@code HOST:PORT:ADDR[,ADDR]...}, into the builder:
   * IPv6 addresses may be in brackets; a leading {@code +} (curl's "expire this entry") is
   * accepted and ignored.
   *
   * @throws IllegalArgumentException when the entry does not have that shape or an address is not
   *     an IP literal
   */
  static void parseCurlEntry(String spec, Builder into) {
    String entry = spec.startsWith("+") ? spec.substring(1) : spec;
    int firstColon = entry.indexOf(':');
    int secondColon = firstColon < 0 ? -1 : entry.indexOf(':', firstColon + 1);
    if (firstColon <= 0 || secondColon < 0) {
      throw new IllegalArgumentException("not HOST:PORT:ADDR[,ADDR]...: " + spec);
    }
    String host = entry.substring(0, firstColon);
    int port;
    try {
      port = Integer.parseInt(entry.substring(firstColon + 1, secondColon));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a port in " + spec);
    }
    List<InetAddress> addresses = new ArrayList<>(2);
    for (String address : entry.substring(secondColon + 1).split(",", -1)) {
      List<InetSocketAddress> literal = Addresses.literal(address.trim(), port, AddressFamily.ANY);
      if (literal == null || literal.size() != 1) {
        throw new IllegalArgumentException("not an IP address in " + spec + ": " + address);
      }
      addresses.add(literal.get(0).getAddress());
    }
    into.override(host, port, addresses);
  }

  /** The addresses of one host: for any port, and for particular ports. */
  private static final class Entry {
    List<InetAddress> anyPort;
    final Map<Integer, List<InetAddress>> byPort = new HashMap<>(2);

    Entry copy() {
      Entry copy = new Entry();
      copy.anyPort = anyPort;
      copy.byPort.putAll(byPort);
      return copy;
    }

    List<InetAddress> addresses(int port) {
      if (!byPort.isEmpty()) {
        List<InetAddress> forPort = byPort.get(port);
        if (forPort != null) {
          return forPort;
        }
      }
      return anyPort;
    }
  }

  /** Collects overrides; a later override of the same host (and port) replaces the earlier. */
  public static final class Builder {
    private final Map<String, Entry> entries = new HashMap<>();

    private Builder() {}

    /** Answers {@code host} on every port with {@code addresses}, in this order. */
    public Builder override(String host, List<InetAddress> addresses) {
      entry(host).anyPort = checked(addresses);
      return this;
    }

    /** Answers {@code host} on {@code port} with {@code addresses}, in this order. */
    public Builder override(String host, int port, List<InetAddress> addresses) {
      if (port < 0 || port > 0xffff) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      entry(host).byPort.put(port, checked(addresses));
      return this;
    }

    /**
     * Adds an entry in curl's {@code --resolve} syntax, {@code HOST:PORT:ADDR[,ADDR]...}, such as
     * {@code example.com:443:127.0.0.1} or {@code example.com:80:[::1],127.0.0.1}.
     *
     * @throws IllegalArgumentException when {@code spec} is not in that syntax
     */
    public Builder curlResolve(String spec) {
      parseCurlEntry(spec, this);
      return this;
    }

    /** The resolver: these overrides first, then {@code delegate}, which it then owns. */
    public OverrideResolver build(Resolver delegate) {
      Objects.requireNonNull(delegate, "delegate");
      Map<String, Entry> copy = new HashMap<>();
      entries.forEach((host, entry) -> copy.put(host, entry.copy()));
      return new OverrideResolver(copy, delegate);
    }

    private Entry entry(String host) {
      if (host.isEmpty()) {
        throw new IllegalArgumentException("empty host");
      }
      return entries.computeIfAbsent(HostsFile.normalize(host), h -> new Entry());
    }

    private static List<InetAddress> checked(List<InetAddress> addresses) {
      if (addresses.isEmpty()) {
        throw new IllegalArgumentException("no addresses");
      }
      return List.copyOf(addresses);
    }
  }
}
