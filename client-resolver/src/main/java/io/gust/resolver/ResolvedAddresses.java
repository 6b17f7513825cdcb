package io.gust.resolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable address list that also says how long it may be cached: the smallest TTL of the
 * DNS records it came from. {@link DnsResolver} returns these; {@link CachingResolver} reads the
 * TTL when its delegate (or a resolver between them that passes lists through) returned one.
 */
final class ResolvedAddresses extends AbstractList<InetSocketAddress> implements RandomAccess {
  /** The TTL of lists whose source gave none. */
  static final long UNKNOWN_TTL = -1;

  private final InetSocketAddress[] addresses;
  final long ttlSeconds;

  private ResolvedAddresses(InetSocketAddress[] addresses, long ttlSeconds) {
    this.addresses = addresses;
    this.ttlSeconds = ttlSeconds;
  }

  /** {@code addresses} with {@code port}, in order, valid for {@code ttlSeconds}. */
  static ResolvedAddresses of(List<InetAddress> addresses, int port, long ttlSeconds) {
    InetSocketAddress[] withPort = new InetSocketAddress[addresses.size()];
    for (int i = 0; i < withPort.length; i++) {
      withPort[i] = new InetSocketAddress(addresses.get(i), port);
    }
    return new ResolvedAddresses(withPort, ttlSeconds);
  }

  /** The TTL of {@code list} when it is one of these, else {@link #UNKNOWN_TTL}. */
  static long ttlSeconds(List<InetSocketAddress> list) {
    return list instanceof ResolvedAddresses ? ((ResolvedAddresses) list).ttlSeconds : UNKNOWN_TTL;
  }

  @Override
  public InetSocketAddress get(int index) {
    return addresses[index];
  }

  @Override
  public int size() {
    return addresses.length;
  }
}
