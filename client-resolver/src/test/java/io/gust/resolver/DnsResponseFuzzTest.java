package io.gust.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the DNS response parser and the CNAME chain walk behind it: any bytes either parse or
 * fail with {@link DnsFormatException}, and what parses stays within the wire format's bounds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DnsResponseFuzzTest {
  /** A name of 255 wire bytes, every byte escaped as four characters, fits in this. */
  private static final int MAX_NAME_CHARS = 4 * DnsQuery.MAX_NAME_LENGTH;

  @FuzzTest(maxDuration = "2m")
  void responsesParseOrFailWithFormatErrors(byte[] packet) {
    DnsResponse response;
    try {
      response = DnsResponseParser.parse(packet, packet.length);
    } catch (DnsFormatException expected) {
      assertNotNull(expected.getMessage());
      return;
    }
    assertTrue(response.questionName.length() <= MAX_NAME_CHARS, "question name too long");
    assertTrue(response.records.size() <= packet.length / 11, "more records than the packet holds");
    for (DnsRecord record : response.records) {
      assertTrue(record.name.length() <= MAX_NAME_CHARS, "record name too long");
      assertTrue(record.ttlSeconds >= 0 && record.ttlSeconds <= Integer.MAX_VALUE, "ttl out of range");
      if (record.type == DnsQuery.TYPE_CNAME) {
        assertTrue(record.target.length() <= MAX_NAME_CHARS, "alias too long");
      } else {
        assertEquals(record.type == DnsQuery.TYPE_A ? 4 : 16, record.address.length);
      }
    }
    followChain(response, DnsQuery.TYPE_A, 4);
    followChain(response, DnsQuery.TYPE_AAAA, 16);
  }

  private static void followChain(DnsResponse response, int type, int addressBytes) {
    try {
      DnsResponse.Answer answer = response.answer(type);
      for (byte[] address : answer.addresses) {
        assertEquals(addressBytes, address.length);
      }
      assertTrue(answer.ttlSeconds >= 0, "negative ttl");
    } catch (DnsFormatException expected) {
      assertNotNull(expected.getMessage());
    }
  }
}
