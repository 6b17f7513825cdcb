package io.gust.resolver;

import io.gust.client.AddressFamily;
import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One {@link DnsResolver#resolve} call: the names of the search list in turn, each asked for A
 * and AAAA in parallel, until one has addresses.
 *
 * <p>Loop-confined. States: RUNNING → DONE, through {@link #finish} only, which cancels the
 * resolution-delay timer and every exchange still asking (closing their sockets) and completes
 * the future once.
 *
 * <p>Why the resolution delay runs both ways: RFC 8305 section 3 answers at once when AAAA comes
 * first and adds the A records to the connection list when they arrive. A {@code Resolver}
 * answers once, so answering with AAAA alone would drop the IPv4 addresses that Happy Eyeballs
 * falls back to when IPv6 is broken. So whichever family answers first with addresses, the other
 * gets at most the resolution delay (50 ms by default) to join; a family that fails or has no
 * records ends its wait at once. IPv6 addresses come first in the list when both are known.
 */
final class DnsLookup implements DnsExchange.Listener {
  private enum State { RUNNING, DONE }

  private final DnsResolver owner;
  final EventLoop loop;
  private final DnsConfig config;
  final String host;
  private final int port;
  private final AddressFamily family;
  private final List<String> candidates;
  final CompletableFuture<List<InetSocketAddress>> result = new CompletableFuture<>();

  private State state = State.RUNNING;
  private int candidateIndex = -1;
  private DnsExchange ipv4;
  private DnsExchange ipv6;
  /** The current candidate's outcome per family; null while that family is pending. */
  private Outcome ipv4Outcome;
  private Outcome ipv6Outcome;
  private Cancellable resolutionDelay;
  /** The first failure that was not "no such name", reported if no candidate succeeds. */
  private UnknownHostException firstError;
  private boolean sawNoData;

  DnsLookup(DnsResolver owner, EventLoop loop, DnsConfig config, String host, int port,
      AddressFamily family, List<String> candidates) {
    this.owner = owner;
    this.loop = loop;
    this.config = config;
    this.host = host;
    this.port = port;
    this.family = family;
    this.candidates = candidates;
  }

  void start() {
    if (state == State.RUNNING && candidateIndex < 0) {
      nextCandidate();
    }
  }

  /** Ends the lookup with {@code failure} unless it already ended. */
  void abort(UnknownHostException failure) {
    finish(null, failure);
  }

  private void nextCandidate() {
    candidateIndex++;
    if (candidateIndex >= candidates.size()) {
      UnknownHostException notFound = sawNoData ? LiteralAnswer.noAddress(host, family)
          : new HostNotFoundException(host, "no such name");
      finish(null, firstError != null ? firstError : notFound);
      return;
    }
    String name = candidates.get(candidateIndex);
    ipv4Outcome = null;
    ipv6Outcome = null;
    ipv4 = family == AddressFamily.IPV6 ? null
        : new DnsExchange(loop, config, host, name, DnsQuery.TYPE_A, this);
    ipv6 = family == AddressFamily.IPV4 ? null
        : new DnsExchange(loop, config, host, name, DnsQuery.TYPE_AAAA, this);
    if (ipv6 != null) {
      ipv6.start();
    }
    if (ipv4 != null && state == State.RUNNING) {
      ipv4.start();
    }
  }

  @Override
  public void onAnswer(DnsExchange exchange, int rcode, DnsResponse.Answer answer) {
    record(exchange, new Outcome(rcode, addresses(answer), answer.ttlSeconds, null));
  }

  @Override
  public void onFailure(DnsExchange exchange, UnknownHostException failure) {
    record(exchange, new Outcome(-1, List.of(), 0, failure));
  }

  private void record(DnsExchange exchange, Outcome outcome) {
    if (state != State.RUNNING) {
      return;
    }
    if (exchange == ipv4) {
      ipv4Outcome = outcome;
    } else if (exchange == ipv6) {
      ipv6Outcome = outcome;
    } else {
      return;
    }
    boolean pending = (ipv4 != null && ipv4Outcome == null)
        || (ipv6 != null && ipv6Outcome == null);
    boolean positive = Outcome.isPositive(ipv4Outcome) || Outcome.isPositive(ipv6Outcome);
    if (!pending) {
      if (positive) {
        succeed();
      } else {
        classifyFailedCandidate();
        nextCandidate();
      }
    } else if (positive && resolutionDelay == null) {
      resolutionDelay = loop.schedule(Duration.ofNanos(config.resolutionDelayNanos), this::succeed);
    }
  }

  private void classifyFailedCandidate() {
    Outcome[] outcomes = {ipv6Outcome, ipv4Outcome};
    boolean noSuchName = false;
    UnknownHostException error = null;
    for (Outcome outcome : outcomes) {
      if (outcome == null) {
        continue;
      }
      if (outcome.rcode == DnsResponse.RCODE_NXDOMAIN) {
        noSuchName = true;
      } else if (outcome.failure != null && error == null) {
        error = outcome.failure;
      }
    }
    if (noSuchName) {
      return;
    }
    if (error == null) {
      sawNoData = true;
    } else if (firstError == null) {
      firstError = error;
    }
  }

  private void succeed() {
    if (state != State.RUNNING) {
      return;
    }
    List<InetAddress> addresses = new ArrayList<>(4);
    long ttlSeconds = Long.MAX_VALUE;
    for (Outcome outcome : new Outcome[] {ipv6Outcome, ipv4Outcome}) {
      if (Outcome.isPositive(outcome)) {
        for (InetAddress address : outcome.addresses) {
          if (family.accepts(address)) {
            addresses.add(address);
          }
        }
        ttlSeconds = Math.min(ttlSeconds, outcome.ttlSeconds);
      }
    }
    if (addresses.isEmpty()) {
      finish(null, LiteralAnswer.noAddress(host, family));
    } else {
      finish(ResolvedAddresses.of(addresses, port, ttlSeconds), null);
    }
  }

  private List<InetAddress> addresses(DnsResponse.Answer answer) {
    List<InetAddress> addresses = new ArrayList<>(answer.addresses.size());
    for (byte[] bytes : answer.addresses) {
      try {
        addresses.add(InetAddress.getByAddress(host, bytes));
      } catch (UnknownHostException e) {
        throw new AssertionError("the parser checks address lengths", e);
      }
    }
    return addresses;
  }

  private void finish(List<InetSocketAddress> addresses, UnknownHostException failure) {
    if (state == State.DONE) {
      return;
    }
    state = State.DONE;
    if (resolutionDelay != null) {
      resolutionDelay.cancel();
      resolutionDelay = null;
    }
    if (ipv4 != null) {
      ipv4.cancel();
    }
    if (ipv6 != null) {
      ipv6.cancel();
    }
    owner.forget(this);
    if (failure != null) {
      result.completeExceptionally(failure);
    } else {
      result.complete(addresses);
    }
  }

  /** How one family's question ended: an rcode with addresses, or a failure (rcode -1). */
  private static final class Outcome {
    final int rcode;
    final List<InetAddress> addresses;
    final long ttlSeconds;
    final UnknownHostException failure;

    Outcome(int rcode, List<InetAddress> addresses, long ttlSeconds,
        UnknownHostException failure) {
      this.rcode = rcode;
      this.addresses = addresses;
      this.ttlSeconds = ttlSeconds;
      this.failure = failure;
    }

    static boolean isPositive(Outcome outcome) {
      return outcome != null && !outcome.addresses.isEmpty();
    }
  }
}
