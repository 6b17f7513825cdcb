package io.gust.resolver;

import io.gust.client.AddressFamily;
import io.gust.client.Resolver;
import io.gust.loop.EventLoop;
import io.gust.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * A DNS client that runs on the Gust loop itself: no thread blocks while a name resolves.
 *
 * <p>Names listed in the hosts file are answered from it; IP literals and {@code localhost} need
 * no lookup. Other names go to the name servers over UDP, from a new socket with a random port and
 * query id each time, registered on the asking loop; a truncated answer is asked again over TCP.
 * Answers must match the question. The search list and {@code ndots} apply as in resolv.conf(5).
 * For {@link AddressFamily#ANY}, A and AAAA are asked in parallel and the answer comes as soon as
 * one family has addresses and the other has answered or had a short resolution delay to do so
 * (RFC 8305 section 3), IPv6 first. A server that times out or fails is followed by the next one.
 *
 * <p>Failures are {@link HostNotFoundException}, {@link DnsServerFailureException},
 * {@link DnsTimeoutException}, {@link MalformedDnsResponseException} or, after {@link #close()},
 * {@link ResolverRejectedException}. Results carry the smallest TTL of the records used, which a
 * {@link CachingResolver} in front of this resolver honours. Thread-safe and shared by any number
 * of loops; {@link #resolve} may be called from any thread, and its future completes on the given
 * loop's thread. {@link #close()} ends the lookups in flight and closes their sockets.
 */
public final class DnsResolver implements Resolver {
  private final DnsConfig config;
  /** Lookups in flight, on whichever loop they run. */
  private final Set<DnsLookup> active = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private DnsResolver(DnsConfig config) {
    this.config = config;
  }

  /**
   * A resolver configured from {@code /etc/resolv.conf} and {@code /etc/hosts}. Reads both files,
   * so it refuses to run on a loop thread.
   */
  public static DnsResolver create() {
    return builder().build();
  }

  /** A builder for a resolver with other files, servers or timings. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompletableFuture<List<InetSocketAddress>> resolve(
      EventLoop loop, String host, int port, AddressFamily family) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(family, "family");
    if (closed) {
      return CompletableFuture.failedFuture(rejected(host));
    }
    CompletableFuture<List<InetSocketAddress>> literal = LiteralAnswer.of(host, port, family);
    if (literal != null) {
      return literal;
    }
    List<InetSocketAddress> listed = hostsFileAddresses(host, port, family);
    if (listed != null) {
      return CompletableFuture.completedFuture(listed);
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (!DnsQuery.isValidName(name)) {
      HostNotFoundException invalid = new HostNotFoundException(host, "not a valid DNS name");
      return CompletableFuture.failedFuture(invalid);
    }
    DnsLookup lookup = new DnsLookup(this, loop, config, host, port, family,
        config.candidates(name));
    active.add(lookup);
    if (loop.inLoop()) {
      lookup.start();
    } else {
      try {
        loop.execute(lookup::start);
      } catch (RejectedExecutionException e) {
        lookup.abort(new ResolverRejectedException(host, "the loop " + loop.name() + " is closed"));
      }
    }
    if (closed) {
      abortLater(lookup);
    }
    return lookup.result;
  }

  /** The hosts-file addresses of {@code host} in {@code family}; null when DNS must answer. */
  private List<InetSocketAddress> hostsFileAddresses(String host, int port, AddressFamily family) {
    List<InetAddress> listed = config.hosts.addresses(host);
    if (listed == null) {
      return null;
    }
    List<InetAddress> accepted = new ArrayList<>(listed.size());
    for (InetAddress address : listed) {
      if (family.accepts(address)) {
        accepted.add(address);
      }
    }
    // A name listed only in the other family is still asked of DNS, as the C library does.
    return accepted.isEmpty() ? null
        : ResolvedAddresses.of(accepted, port, ResolvedAddresses.UNKNOWN_TTL);
  }

  /** Ends every lookup in flight with {@link ResolverRejectedException}; later lookups fail. */
  @Override
  public void close() {
    closed = true;
    for (DnsLookup lookup : active) {
      abortLater(lookup);
    }
  }

  private void abortLater(DnsLookup lookup) {
    try {
      lookup.loop.execute(() -> lookup.abort(rejected(lookup.host)));
    } catch (RejectedExecutionException e) {
      // The loop is closing: it closes the sockets itself and the lookup fails with it.
      forget(lookup);
    }
  }

  void forget(DnsLookup lookup) {
    active.remove(lookup);
  }

  /** Lookups in flight; for tests. */
  int activeCount() {
    return active.size();
  }

  private static UnknownHostException rejected(String host) {
    return new ResolverRejectedException(host, "resolver closed");
  }

  @Override
  public String toString() {
    return "DnsResolver" + config.nameservers;
  }

  /**
   * Settings for a {@link DnsResolver}. Values set here win over those read from resolv.conf; the
   * files are read by {@link #build()}.
   */
  public static final class Builder {
    private Path resolvConf = Path.of("/etc/resolv.conf");
    private Path hostsFile = Path.of("/etc/hosts");
    private List<InetSocketAddress> nameservers;
    private List<String> searchDomains;
    private int ndots = -1;
    private Duration attemptTimeout;
    private int attempts;
    private Duration resolutionDelay = Duration.ofMillis(50);

    private Builder() {}

    /** The resolv.conf file to read; default {@code /etc/resolv.conf}. A missing file is empty. */
    public Builder resolvConf(Path path) {
      this.resolvConf = Objects.requireNonNull(path, "path");
      return this;
    }

    /** The hosts file to read; default {@code /etc/hosts}; null reads none. */
    public Builder hostsFile(Path path) {
      this.hostsFile = path;
      return this;
    }

    /** The name servers to ask, in order, instead of resolv.conf's. */
    public Builder nameservers(List<InetSocketAddress> servers) {
      if (servers.isEmpty()) {
        throw new IllegalArgumentException("no name servers");
      }
      this.nameservers = List.copyOf(servers);
      return this;
    }

    /**
     * Adds a name server given as an IP literal with an optional port: {@code 192.0.2.1},
     * {@code 127.0.0.1:5353}, {@code ::1} or {@code [::1]:5353}; the first call replaces
     * resolv.conf's servers.
     */
    public Builder nameserver(String server) {
      List<InetSocketAddress> servers = nameservers == null ? new ArrayList<>()
          : new ArrayList<>(nameservers);
      servers.add(parseServer(server));
      this.nameservers = List.copyOf(servers);
      return this;
    }

    /** The search list, instead of resolv.conf's {@code search} or {@code domain} line. */
    public Builder searchDomains(List<String> domains) {
      ResolvConf parsed = ResolvConf.parse("search " + String.join(" ", domains));
      this.searchDomains = parsed.searchDomains;
      return this;
    }

    /** Names with at least this many dots are tried as given before the search list. */
    public Builder ndots(int ndots) {
      if (ndots < 0) {
        throw new IllegalArgumentException("ndots < 0: " + ndots);
      }
      this.ndots = ndots;
      return this;
    }

    /** How long to wait for one server's answer to one query before the next attempt. */
    public Builder attemptTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout <= 0: " + timeout);
      }
      this.attemptTimeout = timeout;
      return this;
    }

    /** How many rounds over all servers each query gets. */
    public Builder attempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts < 1: " + attempts);
      }
      this.attempts = attempts;
      return this;
    }

    /**
     * How long to wait for the other address family once one has answered with addresses;
     * default 50 ms, as RFC 8305 recommends.
     */
    public Builder resolutionDelay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay < 0: " + delay);
      }
      this.resolutionDelay = delay;
      return this;
    }

    /**
     * Reads the files and builds the resolver. Refuses to run on a loop thread, since it reads
     * files.
     *
     * @throws java.io.UncheckedIOException when a file exists but cannot be read
     */
    public DnsResolver build() {
      if (EventLoop.current() != null) {
        throw new IllegalStateException("DnsResolver.build() reads files; call it off the loop");
      }
      ResolvConf conf = readResolvConf();
      HostsFile hosts = hostsFile == null ? HostsFile.empty() : HostsFile.parse(read(hostsFile));
      return new DnsResolver(new DnsConfig(
          nameservers != null ? nameservers : conf.nameservers,
          searchDomains != null ? searchDomains : conf.searchDomains,
          ndots >= 0 ? ndots : conf.ndots,
          attemptTimeout != null ? attemptTimeout : conf.timeout,
          attempts > 0 ? attempts : conf.attempts,
          resolutionDelay, hosts));
    }

    private ResolvConf readResolvConf() {
      boolean needed = nameservers == null || searchDomains == null || ndots < 0
          || attemptTimeout == null || attempts == 0;
      return needed ? ResolvConf.parse(read(resolvConf)) : ResolvConf.defaults();
    }

    private static String read(Path path) {
      try {
        return Files.readString(path, StandardCharsets.ISO_8859_1);
      } catch (NoSuchFileException e) {
        return "";
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot read " + path, e);
      }
    }

    static InetSocketAddress parseServer(String server) {
      String address = server;
      int port = ResolvConf.DNS_PORT;
      int lastColon = server.lastIndexOf(':');
      if (server.startsWith("[")) {
        int close = server.indexOf(']');
        if (close < 0 || (close + 1 < server.length() && server.charAt(close + 1) != ':')) {
          throw new IllegalArgumentException("not an address[:port]: " + server);
        }
        address = server.substring(1, close);
        port = close + 1 < server.length() ? port(server, close + 2) : port;
      } else if (lastColon >= 0 && server.indexOf(':') == lastColon) {
        address = server.substring(0, lastColon);
        port = port(server, lastColon + 1);
      }
      List<InetSocketAddress> literal = Addresses.literal(address, port, AddressFamily.ANY);
      if (literal == null || literal.size() != 1) {
        throw new IllegalArgumentException("not an IP address[:port]: " + server);
      }
      return literal.get(0);
    }

    private static int port(String server, int from) {
      try {
        int port = Integer.parseInt(server.substring(from));
        if (port > 0 && port <= 0xffff) {
          return port;
        }
      } catch (NumberFormatException e) {
        // Reported below.
      }
      throw new IllegalArgumentException("not a port in " + server);
    }
  }
}
