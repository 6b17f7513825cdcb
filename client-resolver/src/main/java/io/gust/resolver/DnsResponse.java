package io.gust.resolver;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed DNS response: header, question and the usable records of the answer section.
 * Immutable; {@link #answer} follows CNAME chains to the addresses of the asked name.
 */
final class DnsResponse {
  static final int RCODE_NOERROR = 0;
  static final int RCODE_NXDOMAIN = 3;
  /** Longer alias chains than this are treated as a loop. */
  static final int MAX_CNAME_HOPS = 16;

  private static final int FLAG_QR = 0x8000;
  static final int FLAG_TC = 0x0200;

  final int id;
  final int flags;
  /** The question name in lower case without the root dot. */
  final String questionName;
  final int questionType;
  final int questionClass;
  /** Empty when the response is truncated or malformed: its records are not read. */
  final List<DnsRecord> records;
  /** What is wrong with the answer section, or null when it parsed. */
  final String problem;

  DnsResponse(int id, int flags, String questionName, int questionType, int questionClass,
      List<DnsRecord> records, String problem) {
    this.id = id;
    this.flags = flags;
    this.questionName = questionName;
    this.questionType = questionType;
    this.questionClass = questionClass;
    this.records = records;
    this.problem = problem;
  }

  boolean isResponse() {
    return (flags & FLAG_QR) != 0;
  }

  boolean isTruncated() {
    return (flags & FLAG_TC) != 0;
  }

  int opcode() {
    return (flags >>> 11) & 0xf;
  }

  int rcode() {
    return flags & 0xf;
  }

  /** True when this is the answer to query {@code id} asking {@code name} (lower case) and type. */
  boolean answers(int queryId, String name, int type) {
    return id == queryId && isResponse() && opcode() == 0 && questionName.equals(name)
        && questionType == type && questionClass == DnsQuery.CLASS_IN;
  }

  /**
   * The addresses of {@code type} for the question name, following the CNAME chain from it, with
   * the smallest TTL of the records used.
   *
   * @throws DnsFormatException when the chain loops or runs longer than {@link #MAX_CNAME_HOPS}
   */
  Answer answer(int type) throws DnsFormatException {
    String current = questionName;
    long chainTtl = Long.MAX_VALUE;
    for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
      List<byte[]> addresses = new ArrayList<>(2);
      long ttl = chainTtl;
      String alias = null;
      for (DnsRecord record : records) {
        if (!record.name.equals(current)) {
          continue;
        }
        if (record.type == type) {
          addresses.add(record.address);
          ttl = Math.min(ttl, record.ttlSeconds);
        } else if (record.type == DnsQuery.TYPE_CNAME && alias == null) {
          alias = record.target;
          chainTtl = Math.min(chainTtl, record.ttlSeconds);
        }
      }
      if (!addresses.isEmpty() || alias == null) {
        return new Answer(addresses, addresses.isEmpty() ? 0 : ttl);
      }
      current = alias;
    }
    throw new DnsFormatException("CNAME chain longer than " + MAX_CNAME_HOPS + " or looping");
  }

  /** Address bytes in answer order and the smallest TTL among the records that led to them. */
  static final class Answer {
    final List<byte[]> addresses;
    final long ttlSeconds;

    Answer(List<byte[]> addresses, long ttlSeconds) {
      this.addresses = addresses;
      this.ttlSeconds = ttlSeconds;
    }
  }
}
