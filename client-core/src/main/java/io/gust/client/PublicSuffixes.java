package io.gust.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The Public Suffix List: which domains (com, co.uk, github.io ...) are registries under which
 * unrelated parties register names, so that no cookie may be set for them. Immutable and
 * thread-safe once built.
 *
 * <p>The default list is the snapshot in {@code public_suffix_list.dat} beside this class (its
 * header names the source and date). It is read once, on the first call of {@link #snapshot()},
 * which {@link MemoryCookieJar}'s builder makes on the application's thread, never on a loop.
 */
final class PublicSuffixes {
  private static final String RESOURCE = "public_suffix_list.dat";

  /** Plain rules ("co.uk"). */
  private final Set<String> rules;
  /** Wildcard rules without their "*." ("ck" for "*.ck"). */
  private final Set<String> wildcards;
  /** Exception rules without their "!" ("www.ck"). */
  private final Set<String> exceptions;

  private PublicSuffixes(Set<String> rules, Set<String> wildcards, Set<String> exceptions) {
    this.rules = rules;
    this.wildcards = wildcards;
    this.exceptions = exceptions;
  }

  /** Returns the shipped snapshot, reading it on the first call. */
  static PublicSuffixes snapshot() {
    return Snapshot.LIST;
  }

  /** Builds a list from rule lines in the list's format: comments start with "//". */
  static PublicSuffixes parse(BufferedReader reader) throws IOException {
    Set<String> rules = new HashSet<>();
    Set<String> wildcards = new HashSet<>();
    Set<String> exceptions = new HashSet<>();
    for (String line; (line = reader.readLine()) != null; ) {
      String rule = line.strip();
      if (rule.isEmpty() || rule.startsWith("//")) {
        continue;
      }
      if (rule.startsWith("!")) {
        exceptions.add(rule.substring(1));
      } else if (rule.startsWith("*.")) {
        wildcards.add(rule.substring(2));
      } else {
        rules.add(rule);
      }
    }
    return new PublicSuffixes(rules, wildcards, exceptions);
  }

  /**
   * Returns whether a canonical domain is itself a public suffix: the rule that prevails for it
   * (exceptions first, then the longest match, else the implicit "*") covers all of its labels.
   */
  boolean isPublicSuffix(String domain) {
    if (exceptions.contains(domain)) {
      return false;
    }
    if (rules.contains(domain)) {
      return true;
    }
    int dot = domain.indexOf('.');
    if (dot < 0) {
      return true;
    }
    return wildcards.contains(domain.substring(dot + 1));
  }

  /** Holds the snapshot, loaded when the class is first touched. */
  private static final class Snapshot {
    static final PublicSuffixes LIST = load();

    private static PublicSuffixes load() {
      try (InputStream in = PublicSuffixes.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the Gust jar");
        }
        return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }
  }
}
