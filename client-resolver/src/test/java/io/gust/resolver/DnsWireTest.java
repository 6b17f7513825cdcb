package io.gust.resolver;

import static io.gust.resolver.DnsPackets.A;
import static io.gust.resolver.DnsPackets.reply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The query encoder and the response parser, on bytes alone. */
@Timeout(20)
class DnsWireTest {
  private static final DnsPackets.Question QUESTION =
      new DnsPackets.Question(0x1234, "www.example.test", A, false);

  @Test
  void queryCarriesIdRecursionQuestionAndEdnsPayloadSize() {
    byte[] query = DnsQuery.encode(0xbeef, "WWW.Example.test.", DnsQuery.TYPE_AAAA);
    assertEquals(0xbe, query[0] & 0xff);
    assertEquals(0xef, query[1] & 0xff);
    assertEquals(0x01, query[2], "RD set, nothing else");
    assertEquals(0x00, query[3]);
    assertArrayEquals(new byte[] {0, 1, 0, 0, 0, 0, 0, 1}, Arrays.copyOfRange(query, 4, 12));
    byte[] name = DnsPackets.encodeName("WWW.Example.test");
    assertArrayEquals(name, Arrays.copyOfRange(query, 12, 12 + name.length));
    int p = 12 + name.length;
    assertArrayEquals(new byte[] {0, 28, 0, 1, 0, 0, 41, 0x04, (byte) 0xd0, 0, 0, 0, 0, 0, 0},
        Arrays.copyOfRange(query, p, query.length));
    DnsPackets.Question parsed = DnsPackets.question(query, query.length, false);
    assertEquals("www.example.test", parsed.name());
  }

  @Test
  void invalidNamesAreRefused() {
    assertFalse(DnsQuery.isValidName(""));
    assertFalse(DnsQuery.isValidName("a..b"));
    assertFalse(DnsQuery.isValidName("x".repeat(64) + ".test"));
    assertTrue(DnsQuery.isValidName("x".repeat(63) + ".test"));
    assertFalse(DnsQuery.isValidName(("abcdefg.").repeat(32) + "test"));
    assertFalse(DnsQuery.isValidName("bücher.test"));
    assertFalse(DnsQuery.isValidName("sp ace.test"));
    assertFalse(DnsQuery.isValidName("back\\slash.test"));
    assertThrows(IllegalArgumentException.class, () -> DnsQuery.encode(1, "a..b", 1));
  }

  @Test
  void responseWithCompressedNamesParses() throws Exception {
    byte[] packet = reply(QUESTION).cname("www.example.test", 30, "edge.example.test")
        .a("edge.example.test", 10, "192.0.2.1").a("edge.example.test", 20, "192.0.2.2").bytes();
    DnsResponse response = DnsResponseParser.parse(packet, packet.length);
    assertTrue(response.answers(0x1234, "www.example.test", A));
    assertFalse(response.answers(0x1235, "www.example.test", A));
    assertFalse(response.answers(0x1234, "www.example.test", DnsQuery.TYPE_AAAA));
    assertEquals(3, response.records.size());
    DnsResponse.Answer answer = response.answer(A);
    assertEquals(2, answer.addresses.size());
    assertArrayEquals(new byte[] {(byte) 192, 0, 2, 2}, answer.addresses.get(1));
    assertEquals(10, answer.ttlSeconds);
  }

  @Test
  void cnameLoopIsAFormatError() throws Exception {
    byte[] packet = reply(QUESTION).cname("www.example.test", 30, "b.test")
        .cname("b.test", 30, "www.example.test").bytes();
    DnsResponse response = DnsResponseParser.parse(packet, packet.length);
    assertThrows(DnsFormatException.class, () -> response.answer(A));
  }

  @Test
  void pointersThatLoopOrPointForwardAreRejected() throws Exception {
    int answerAt = 12 + DnsPackets.encodeName(QUESTION.name()).length + 4;
    byte[] self = reply(QUESTION).rawAnswer(record(0xc000 | answerAt), 1).bytes();
    assertProblem(self, "does not point back");
    byte[] forward = reply(QUESTION).rawAnswer(record(0xc000 | answerAt + 20), 1).bytes();
    assertProblem(forward, "does not point back");
    byte[] outside = reply(QUESTION).rawAnswer(record(0xffff), 1).bytes();
    assertProblem(outside, "does not point back");
  }

  @Test
  void labelTypesAndLengthsOverTheLimitsAreRejected() throws Exception {
    byte[] reserved = reply(QUESTION).rawAnswer(new byte[] {(byte) 0x41, 0, 0, 1}, 1).bytes();
    assertProblem(reserved, "reserved label type");
    byte[] longName = new byte[0];
    for (int i = 0; i < 5; i++) {
      byte[] label = new byte[64];
      label[0] = 63;
      Arrays.fill(label, 1, 64, (byte) 'a');
      longName = concat(longName, label);
    }
    assertProblem(reply(QUESTION).rawAnswer(concat(longName, new byte[] {0}), 1).bytes(),
        "longer than 255");
  }

  @Test
  void truncatedPacketsAndLyingCountsAreRejected() throws Exception {
    byte[] whole = reply(QUESTION).a(QUESTION.name(), 60, "192.0.2.1").bytes();
    for (int length = 0; length < whole.length; length++) {
      byte[] cut = Arrays.copyOf(whole, length);
      try {
        DnsResponse response = DnsResponseParser.parse(cut, length);
        assertNotNull(response.problem, "length " + length);
      } catch (DnsFormatException expected) {
        // A cut inside the header or question.
      }
    }
    DnsResponse lying = DnsResponseParser.parse(
        reply(QUESTION).rawAnswer(new byte[0], 2).bytes(), reply(QUESTION).rawAnswer(new byte[0], 2)
            .bytes().length);
    assertNotNull(lying.problem);
    assertThrows(DnsFormatException.class, () -> DnsResponseParser.parse(whole, whole.length + 1));
  }

  @Test
  void addressRecordOfTheWrongLengthIsRejected() throws Exception {
    byte[] packet = reply(QUESTION).record(QUESTION.name(), A, 60, new byte[] {1, 2, 3}).bytes();
    assertProblem(packet, "3 bytes");
  }

  @Test
  void truncatedResponseIsReadUpToItsQuestion() throws Exception {
    byte[] packet = reply(QUESTION).truncated().bytes();
    DnsResponse response = DnsResponseParser.parse(packet, packet.length);
    assertTrue(response.isTruncated());
    assertTrue(response.records.isEmpty());
    assertNull(response.problem);
  }

  @Test
  void dotsInsideALabelCannotPassForTwoLabels() throws Exception {
    byte[] packet = reply(QUESTION).record("x", A, 60, new byte[] {1, 2, 3, 4}).bytes();
    int at = indexOf(packet, new byte[] {1, 'x', 0});
    packet[at + 1] = '.';
    DnsResponse response = DnsResponseParser.parse(packet, packet.length);
    assertEquals("\\.", response.records.get(0).name);
  }

  @Test
  void randomlyCorruptedResponsesNeverThrowAnythingButFormatErrors() {
    byte[] base = reply(QUESTION).cname(QUESTION.name(), 30, "edge.example.test")
        .a("edge.example.test", 10, "192.0.2.1").aaaa("edge.example.test", 10, "2001:db8::1").bytes();
    SplittableRandom random = new SplittableRandom(6);
    for (int i = 0; i < 50_000; i++) {
      byte[] packet = base.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
      }
      int length = random.nextInt(4) == 0 ? random.nextInt(packet.length + 1) : packet.length;
      try {
        DnsResponse response = DnsResponseParser.parse(packet, length);
        response.answer(A);
        response.answer(DnsQuery.TYPE_AAAA);
      } catch (DnsFormatException expected) {
        // Rejected cleanly.
      }
    }
  }

  private static void assertProblem(byte[] packet, String expected) throws DnsFormatException {
    DnsResponse response = DnsResponseParser.parse(packet, packet.length);
    assertNotNull(response.problem, "parsed without complaint");
    assertTrue(response.problem.contains(expected), response.problem);
    assertEquals(List.of(), response.records);
  }

  private static byte[] record(int pointer) {
    return new byte[] {(byte) (pointer >>> 8), (byte) pointer, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4,
        1, 2, 3, 4};
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = haystack.length - needle.length; i >= 0; i--) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
