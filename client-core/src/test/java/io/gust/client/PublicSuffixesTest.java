package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PublicSuffixesTest {
  private final PublicSuffixes list = PublicSuffixes.snapshot();

  @Test
  void snapshotSaysWhereAndWhenItComesFrom() throws Exception {
    try (InputStream in = PublicSuffixes.class.getResourceAsStream("public_suffix_list.dat")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.startsWith("// Public Suffix List"), "header first");
      assertTrue(text.contains("psl 1.15.0, published 2024-12-06"));
      assertTrue(text.lines().filter(line -> !line.startsWith("//")).count() > 9000);
    }
  }

  @Test
  void knowsIcannAndPrivateSuffixes() {
    for (String suffix : new String[] {"com", "uk", "co.uk", "github.io", "s3.amazonaws.com",
        "xn--55qx5d.cn", "anything.ck", "unlisted"}) {
      assertTrue(list.isPublicSuffix(suffix), suffix);
    }
    for (String domain : new String[] {"example.com", "example.co.uk", "user.github.io",
        "www.ck", "a.unlisted"}) {
      assertFalse(list.isPublicSuffix(domain), domain);
    }
  }
}
