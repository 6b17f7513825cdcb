package io.gust.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The cookies of a {@link MemoryCookieJar}, indexed by domain, with the limits of RFC 6265bis §6.1
 * and the eviction order of §5.7: expired cookies first, then, in a domain over its limit, the
 * least recently used non-Secure cookie, then the least recently used cookie anywhere. Not
 * thread-safe: the jar's lock guards it.
 */
final class CookieStore {
  /** A cookie with the order in which it was first created and last used. */
  private static final class Entry {
    final Cookie cookie;
    final long createdTick;
    long accessedTick;

    Entry(Cookie cookie, long createdTick, long accessedTick) {
      this.cookie = cookie;
      this.createdTick = createdTick;
      this.accessedTick = accessedTick;
    }
  }

  private static final Comparator<Entry> HEADER_ORDER =
      Comparator.<Entry>comparingInt(e -> -e.cookie.path().length())
          .thenComparing(e -> e.cookie.createdAt())
          .thenComparingLong(e -> e.createdTick);

  private final Map<String, List<Entry>> byDomain = new HashMap<>();
  private final int maxCookies;
  private final int maxPerDomain;
  private int count;
  /** Orders creations and uses; a counter, so that a coarse or frozen clock still orders them. */
  private long tick;

  CookieStore(int maxCookies, int maxPerDomain) {
    this.maxCookies = maxCookies;
    this.maxPerDomain = maxPerDomain;
  }

  /** Returns the stored cookie {@code cookie} would replace, or null. */
  Cookie existing(Cookie cookie) {
    for (Entry entry : byDomain.getOrDefault(cookie.domain(), List.of())) {
      if (entry.cookie.replaces(cookie)) {
        return entry.cookie;
      }
    }
    return null;
  }

  /** Returns the cookies stored under {@code domain}, expired or not. */
  List<Cookie> underDomain(String domain) {
    List<Cookie> cookies = new ArrayList<>();
    for (Entry entry : byDomain.getOrDefault(domain, List.of())) {
      cookies.add(entry.cookie);
    }
    return cookies;
  }

  /** Returns every domain that holds cookies. */
  List<String> domains() {
    return new ArrayList<>(byDomain.keySet());
  }

  /**
   * Stores {@code cookie}, replacing the one with its name, domain, host-only flag and path; an
   * expired cookie only removes that one. Evicts to stay within the limits.
   */
  void put(Cookie cookie, long nowMillis) {
    List<Entry> entries = byDomain.computeIfAbsent(cookie.domain(), d -> new ArrayList<>());
    long createdTick = ++tick;
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.cookie.replaces(cookie)) {
        createdTick = entry.createdTick;
        it.remove();
        count--;
      }
    }
    if (!cookie.isExpired(Instant.ofEpochMilli(nowMillis))) {
      entries.add(new Entry(cookie, createdTick, tick));
      count++;
    }
    if (entries.size() > maxPerDomain) {
      removeExpired(entries, nowMillis);
    }
    while (entries.size() > maxPerDomain) {
      evictFrom(entries, true);
    }
    if (entries.isEmpty()) {
      byDomain.remove(cookie.domain());
    }
    if (count > maxCookies) {
      byDomain.values().forEach(list -> removeExpired(list, nowMillis));
      byDomain.values().removeIf(List::isEmpty);
    }
    while (count > maxCookies) {
      evictOldestAnywhere();
    }
  }

  /**
   * Returns the unexpired cookies stored under any of {@code domains} that pass {@code filter}, in
   * {@code Cookie} field order, and marks them used. Expired ones are dropped on the way.
   */
  List<Cookie> matching(List<String> domains, long nowMillis, Predicate<Cookie> filter) {
    List<Entry> found = new ArrayList<>();
    for (String domain : domains) {
      List<Entry> entries = byDomain.get(domain);
      if (entries == null) {
        continue;
      }
      removeExpired(entries, nowMillis);
      if (entries.isEmpty()) {
        byDomain.remove(domain);
      }
      for (Entry entry : entries) {
        if (filter.test(entry.cookie)) {
          entry.accessedTick = ++tick;
          found.add(entry);
        }
      }
    }
    return inHeaderOrder(found);
  }

  /** Returns every unexpired cookie, in {@code Cookie} field order. */
  List<Cookie> all(long nowMillis) {
    List<Entry> entries = new ArrayList<>();
    for (List<Entry> list : byDomain.values()) {
      removeExpired(list, nowMillis);
      entries.addAll(list);
    }
    byDomain.values().removeIf(List::isEmpty);
    return inHeaderOrder(entries);
  }

  private static List<Cookie> inHeaderOrder(List<Entry> entries) {
    entries.sort(HEADER_ORDER);
    List<Cookie> cookies = new ArrayList<>(entries.size());
    entries.forEach(entry -> cookies.add(entry.cookie));
    return cookies;
  }

  void clear() {
    byDomain.clear();
    count = 0;
  }

  int size() {
    return count;
  }

  private void removeExpired(List<Entry> entries, long nowMillis) {
    Instant now = Instant.ofEpochMilli(nowMillis);
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      if (it.next().cookie.isExpired(now)) {
        it.remove();
        count--;
      }
    }
  }

  /** Removes the least recently used entry, preferring non-Secure ones when asked. */
  private void evictFrom(List<Entry> entries, boolean insecureFirst) {
    Entry victim = null;
    for (Entry entry : entries) {
      if (insecureFirst && entry.cookie.isSecure()) {
        continue;
      }
      if (victim == null || entry.accessedTick < victim.accessedTick) {
        victim = entry;
      }
    }
    if (victim == null) {
      evictFrom(entries, false);
      return;
    }
    entries.remove(victim);
    count--;
  }

  private void evictOldestAnywhere() {
    List<Entry> from = null;
    Entry victim = null;
    for (List<Entry> list : byDomain.values()) {
      for (Entry entry : list) {
        if (victim == null || entry.accessedTick < victim.accessedTick) {
          victim = entry;
          from = list;
        }
      }
    }
    from.remove(victim);
    count--;
    if (from.isEmpty()) {
      byDomain.values().removeIf(List::isEmpty);
    }
  }
}
