package io.gust.resolver;

/**
 * Every name server asked gave up on the question: SERVFAIL, REFUSED or another error code.
 *
 * <p>Unlike {@link HostNotFoundException} this says nothing about whether the name exists; a
 * retry later may succeed. {@link #rcode()} is the code of the last server that answered.
 */
public final class DnsServerFailureException extends HostResolutionException {
  private final int rcode;

  /** A failure for {@code host} whose last answer carried response code {@code rcode}. */
  public DnsServerFailureException(String host, int rcode) {
    super(host, "name server answered " + rcodeName(rcode));
    this.rcode = rcode;
  }

  /** The DNS response code (RFC 1035 section 4.1.1), such as 2 for SERVFAIL or 5 for REFUSED. */
  public int rcode() {
    return rcode;
  }

  /** The mnemonic of a response code, such as {@code SERVFAIL}, or {@code RCODE n}. */
  static String rcodeName(int rcode) {
    return switch (rcode) {
      case 1 -> "FORMERR";
      case 2 -> "SERVFAIL";
      case 3 -> "NXDOMAIN";
      case 4 -> "NOTIMP";
      case 5 -> "REFUSED";
      default -> "RCODE " + rcode;
    };
  }
}
