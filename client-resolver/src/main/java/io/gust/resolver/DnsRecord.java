package io.gust.resolver;

/**
 * One resource record of an answer section that the resolver can use: an address (A or AAAA,
 * class IN) or an alias (CNAME). Names are lower case with the root dot left off.
 */
final class DnsRecord {
  final String name;
  final int type;
  final long ttlSeconds;
  /** The 4 or 16 address bytes for A and AAAA; null for CNAME. */
  final byte[] address;
  /** The canonical name a CNAME points to; null for addresses. */
  final String target;

  DnsRecord(String name, int type, long ttlSeconds, byte[] address, String target) {
    this.name = name;
    this.type = type;
    this.ttlSeconds = ttlSeconds;
    this.address = address;
    this.target = target;
  }

  @Override
  public String toString() {
    return name + " " + ttlSeconds + " " + (target != null ? "CNAME " + target : "type " + type);
  }
}
