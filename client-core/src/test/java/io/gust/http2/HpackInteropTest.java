package io.gust.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Round-trips generated header lists between Gust's HPACK and python3-hpack, in both directions,
 * over one connection's worth of blocks (so the dynamic tables must stay in step), with table
 * size changes on the way and credentials that must arrive never-indexed.
 */
@Timeout(120)
class HpackInteropTest {
  private static final int BLOCKS = 300;
  private static final Set<String> CREDENTIALS =
      Set.of("authorization", "proxy-authorization", "set-cookie");

  @Test
  void gustDecodesWhatPythonEncodes() throws Exception {
    PythonHpack python = PythonHpack.require();
    List<List<HeaderField>> lists = headerLists(new Random(19));
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < lists.size(); i++) {
      json.append(i == 0 ? "" : ",").append("{");
      if (tableSize(i) > 0) {
        json.append("\"table_size\":").append(tableSize(i)).append(',');
      }
      json.append("\"huffman\":").append(i % 3 != 0).append(",\"fields\":[");
      List<HeaderField> fields = lists.get(i);
      for (int j = 0; j < fields.size(); j++) {
        HeaderField field = fields.get(j);
        json.append(j == 0 ? "" : ",").append("[\"").append(hex(field.name())).append("\",\"")
            .append(hex(field.value())).append("\",")
            .append(CREDENTIALS.contains(field.name())).append(']');
      }
      json.append("]}");
    }
    String[] blocks = python.run("hpack_encode.py", json.append(']').toString()).split("\n");
    assertEquals(lists.size(), blocks.length);
    HpackDecoder decoder = new HpackDecoder();
    decoder.setMaxHeaderListSize(1 << 24);
    for (int i = 0; i < lists.size(); i++) {
      ByteString block = ByteString.decodeHex(blocks[i]);
      assertEquals(lists.get(i), decoder.decode(block.toByteArray(), block.size(), 1),
          "block " + i);
    }
  }

  @Test
  void pythonDecodesWhatGustEncodes() throws Exception {
    PythonHpack python = PythonHpack.require();
    List<List<HeaderField>> lists = headerLists(new Random(7541));
    HpackEncoder encoder = new HpackEncoder();
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < lists.size(); i++) {
      if (tableSize(i) > 0) {
        encoder.setPeerTableSize(tableSize(i));
      }
      Buffer block = new Buffer();
      encoder.encode(lists.get(i), block);
      json.append(i == 0 ? "\"" : ",\"").append(block.readByteString().hex()).append('"');
    }
    String[] decoded = python.run("hpack_decode.py", json.append(']').toString()).split("\n", -1);
    assertEquals(lists.size() + 1, decoded.length, "one line per block");
    for (int i = 0; i < lists.size(); i++) {
      List<HeaderField> fields = new ArrayList<>();
      for (String token : decoded[i].isEmpty() ? new String[0] : decoded[i].split(" ")) {
        String[] parts = token.split(":", -1);
        HeaderField field = new HeaderField(latin1(parts[0]), latin1(parts[1]));
        fields.add(field);
        boolean credential = CREDENTIALS.contains(field.name())
            || field.name().equals("cookie") && field.value().length() < 20;
        assertEquals(credential ? "N" : "I", parts[2], "block " + i + " " + field.name());
      }
      assertEquals(lists.get(i), fields, "block " + i);
    }
  }

  /** A table size change to 256 a third of the way in and back to 4096 at two thirds. */
  private static int tableSize(int block) {
    return block == BLOCKS / 3 ? 256 : block == 2 * BLOCKS / 3 ? 4096 : 0;
  }

  /** Requests and responses like a client's, with repeats, credentials and odd octets. */
  private static List<List<HeaderField>> headerLists(Random random) {
    List<List<HeaderField>> lists = new ArrayList<>();
    for (int i = 0; i < BLOCKS; i++) {
      lists.add(i % 2 == 0 ? request(random) : response(random));
    }
    return lists;
  }

  private static List<HeaderField> request(Random random) {
    List<HeaderField> fields = new ArrayList<>();
    add(fields, ":method", pick(random, "GET", "GET", "POST", "DELETE", "PATCH"));
    add(fields, ":scheme", pick(random, "https", "http"));
    add(fields, ":path", "/api/v1/items/" + random.nextInt(50) + "?q=" + word(random, 6));
    add(fields, ":authority", pick(random, "example.com", "api.example.com:8443", "[::1]:8080"));
    add(fields, "user-agent", "gust/0.1");
    add(fields, "accept", pick(random, "*/*", "application/json", "text/html,*/*;q=0.8"));
    add(fields, "accept-encoding", "gzip, deflate");
    if (random.nextInt(3) == 0) {
      add(fields, "authorization", "Bearer " + word(random, 8 + random.nextInt(40)));
    }
    if (random.nextInt(4) == 0) {
      add(fields, "proxy-authorization", "Basic " + word(random, 12));
    }
    if (random.nextInt(3) == 0) {
      add(fields, "cookie", "sid=" + word(random, random.nextBoolean() ? 8 : 40));
    }
    addOddities(random, fields);
    return fields;
  }

  private static List<HeaderField> response(Random random) {
    List<HeaderField> fields = new ArrayList<>();
    add(fields, ":status", pick(random, "200", "200", "204", "301", "404", "500", "103"));
    add(fields, "content-type", pick(random, "application/json", "text/plain; charset=utf-8"));
    add(fields, "content-length", Integer.toString(random.nextInt(100_000)));
    add(fields, "date", "Fri, 04 Dec 2026 14:" + (10 + random.nextInt(50)) + ":00 GMT");
    add(fields, "cache-control", pick(random, "no-store", "private, max-age=0", "max-age=60"));
    if (random.nextInt(3) == 0) {
      add(fields, "set-cookie", "session=" + word(random, 16) + "; Path=/; HttpOnly");
    }
    add(fields, "etag", "\"" + word(random, 10) + "\"");
    addOddities(random, fields);
    return fields;
  }

  /** Custom names, empty values, octets past ASCII, and values too large to index. */
  private static void addOddities(Random random, List<HeaderField> fields) {
    for (int n = random.nextInt(4); n > 0; n--) {
      add(fields, "x-" + word(random, 1 + random.nextInt(12)), word(random, random.nextInt(30)));
    }
    if (random.nextInt(5) == 0) {
      add(fields, "x-empty", "");
    }
    if (random.nextInt(6) == 0) {
      char[] octets = new char[1 + random.nextInt(20)];
      for (int i = 0; i < octets.length; i++) {
        octets[i] = (char) (0x80 + random.nextInt(128));
      }
      add(fields, "x-octets", new String(octets));
    }
    if (random.nextInt(20) == 0) {
      add(fields, "x-large", word(random, 3500 + random.nextInt(2000)));
    }
  }

  private static void add(List<HeaderField> fields, String name, String value) {
    fields.add(new HeaderField(name, value));
  }

  private static String pick(Random random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static String word(Random random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = "abcdefghijklmnopqrstuvwxyz0123456789-_".charAt(random.nextInt(38));
    }
    return new String(chars);
  }

  private static String hex(String latin1) {
    return ByteString.encodeString(latin1, java.nio.charset.StandardCharsets.ISO_8859_1).hex();
  }

  private static String latin1(String hex) {
    return ByteString.decodeHex(hex).string(java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
