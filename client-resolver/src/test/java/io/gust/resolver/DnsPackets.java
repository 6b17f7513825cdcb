package io.gust.resolver;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Builds DNS responses for the scripted server, written apart from the production codec so that a
 * bug shared by both cannot hide. Answer names equal to the question name are compressed to a
 * pointer at the question (offset 12), as real servers do.
 */
final class DnsPackets {
  static final int A = 1;
  static final int CNAME = 5;
  static final int AAAA = 28;
  static final int NOERROR = 0;
  static final int SERVFAIL = 2;
  static final int NXDOMAIN = 3;
  static final int REFUSED = 5;

  private DnsPackets() {}

  /** A question as the test server received it. */
  record Question(int id, String name, int type, boolean tcp) {}

  /** Reads the id, name and type of a query; no compression is expected in queries. */
  static Question question(byte[] packet, int length, boolean tcp) {
    int id = ((packet[0] & 0xff) << 8) | (packet[1] & 0xff);
    StringBuilder name = new StringBuilder();
    int p = 12;
    while (packet[p] != 0) {
      int labelLength = packet[p];
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(packet, p + 1, labelLength, java.nio.charset.StandardCharsets.US_ASCII));
      p += labelLength + 1;
    }
    int type = ((packet[p + 1] & 0xff) << 8) | (packet[p + 2] & 0xff);
    return new Question(id, name.toString().toLowerCase(Locale.ROOT), type, tcp);
  }

  static Response reply(Question question) {
    return new Response(question.id(), question.name(), question.type());
  }

  /** A response under construction. */
  static final class Response {
    private final ByteArrayOutputStream answers = new ByteArrayOutputStream();
    private final String questionName;
    private final int questionType;
    private int id;
    private int rcode;
    private boolean truncated;
    private int answerCount;

    Response(int id, String questionName, int questionType) {
      this.id = id;
      this.questionName = questionName;
      this.questionType = questionType;
    }

    Response id(int id) {
      this.id = id;
      return this;
    }

    Response rcode(int rcode) {
      this.rcode = rcode;
      return this;
    }

    Response truncated() {
      this.truncated = true;
      return this;
    }

    Response a(String name, long ttl, String address) {
      return record(name, A, ttl, addressBytes(address));
    }

    Response aaaa(String name, long ttl, String address) {
      return record(name, AAAA, ttl, addressBytes(address));
    }

    Response cname(String name, long ttl, String target) {
      return record(name, CNAME, ttl, encodeName(target));
    }

    Response record(String name, int type, long ttl, byte[] data) {
      writeName(answers, name);
      writeShort(answers, type);
      writeShort(answers, 1);
      writeShort(answers, (int) (ttl >>> 16));
      writeShort(answers, (int) ttl);
      writeShort(answers, data.length);
      answers.writeBytes(data);
      answerCount++;
      return this;
    }

    /** Raw bytes appended to the answer section, counted as {@code count} more records. */
    Response rawAnswer(byte[] bytes, int count) {
      answers.writeBytes(bytes);
      answerCount += count;
      return this;
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      writeShort(out, id);
      writeShort(out, 0x8000 | 0x0100 | 0x0080 | (truncated ? 0x0200 : 0) | rcode);
      writeShort(out, 1);
      writeShort(out, truncated ? 0 : answerCount);
      writeShort(out, 0);
      writeShort(out, 0);
      out.writeBytes(encodeName(questionName));
      writeShort(out, questionType);
      writeShort(out, 1);
      if (!truncated) {
        out.writeBytes(answers.toByteArray());
      }
      return out.toByteArray();
    }

    private void writeName(ByteArrayOutputStream out, String name) {
      if (name.equalsIgnoreCase(questionName)) {
        writeShort(out, 0xc000 | 12);
      } else {
        out.writeBytes(encodeName(name));
      }
    }
  }

  static byte[] encodeName(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String label : name.split("\\.")) {
      out.write(label.length());
      out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    out.write(0);
    return out.toByteArray();
  }

  static byte[] addressBytes(String literal) {
    try {
      return InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal)
          .getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  private static void writeShort(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value);
  }
}
