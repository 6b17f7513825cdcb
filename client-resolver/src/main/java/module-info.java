/**
 * Resolvers for Gust's client beyond the blocking default: {@code ThreadedResolver}, a caching
 * and an overriding resolver, and {@code DnsResolver}, which speaks DNS on the loop.
 */
module io.gust.resolver {
  requires transitive io.gust.core;
  requires org.slf4j;

  exports io.gust.resolver;
}
