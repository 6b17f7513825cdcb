package io.gust.resolver;

/** A DNS message that breaks the wire format; the parser's only failure. */
final class DnsFormatException extends Exception {
  DnsFormatException(String problem) {
    super(problem, null, false, false);
  }
}
