package io.gust.client;

import io.gust.loop.EventLoop;
import io.gust.net.Addresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The default resolver: the JDK's {@link InetAddress#getAllByName} (the operating system's
 * resolver), called on the requesting loop's thread. <b>It blocks the loop</b> for as long as the
 * lookup takes.
 *
 * <p>That is acceptable when names resolve from {@code /etc/hosts} or a warm local cache, when
 * the client talks to a few hosts over pooled connections, or in tests. It is not when names are
 * many or the name server is slow: every connection on the loop waits, and the loop's watchdog
 * logs a WARN naming this class. Use {@code ThreadedResolver} or {@code DnsResolver} from
 * gust-client-resolver then. IP literals and {@code localhost} never reach the system resolver.
 * Stateless and thread-safe.
 */
public final class BlockingResolver implements Resolver {
  /** The system lookup; tests substitute a scripted one. */
  private final HostLookup lookup;

  /** A resolver that asks the operating system through {@link InetAddress#getAllByName}. */
  public BlockingResolver() {
    this(InetAddress::getAllByName);
  }

  BlockingResolver(HostLookup lookup) {
    this.lookup = lookup;
  }

  /** Resolves {@code host} on the calling loop thread, blocking it during the lookup. */
  @Override
  public CompletableFuture<List<InetSocketAddress>> resolve(
      EventLoop loop, String host, int port, AddressFamily family) {
    CompletableFuture<List<InetSocketAddress>> result = new CompletableFuture<>();
    try {
      result.complete(lookup(lookup, host, port, family));
    } catch (UnknownHostException e) {
      result.completeExceptionally(e);
    } catch (RuntimeException e) {
      UnknownHostException failure = new UnknownHostException(host + ": " + e.getMessage());
      failure.initCause(e);
      result.completeExceptionally(failure);
    }
    return result;
  }

  private static List<InetSocketAddress> lookup(
      HostLookup lookup, String host, int port, AddressFamily family) throws UnknownHostException {
    List<InetSocketAddress> literal = Addresses.literal(host, port, family);
    if (literal != null) {
      if (literal.isEmpty()) {
        throw new UnknownHostException(host + " has no " + family + " address");
      }
      return literal;
    }
    InetAddress[] all = lookup.allByName(host);
    List<InetSocketAddress> result = new ArrayList<>(all.length);
    for (InetAddress address : all) {
      if (family.accepts(address)) {
        result.add(new InetSocketAddress(address, port));
      }
    }
    if (result.isEmpty()) {
      throw new UnknownHostException(host + " has no " + family + " address");
    }
    return result;
  }

  /** The blocking name lookup behind this resolver. */
  @FunctionalInterface
  interface HostLookup {
    InetAddress[] allByName(String host) throws UnknownHostException;
  }

  @Override
  public String toString() {
    return "BlockingResolver";
  }
}
