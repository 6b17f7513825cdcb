package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpClientExceptionTest {
  private static final HttpRequest REQUEST =
      HttpRequest.get("https://user:pw@example.com:8443/path?token=secret#frag");

  @Test
  void safeUriKeepsSchemeHostPortAndPathOnly() {
    assertEquals("https://example.com:8443/path",
        HttpClientException.safeUri(URI.create("https://u:p@example.com:8443/path?q=1#f")));
    assertEquals("http://h:80/", HttpClientException.safeUri(URI.create("http://h")));
    assertEquals("http://[::1]:8080/x", HttpClientException.safeUri(URI.create("http://[::1]:8080/x")));
  }

  @Test
  void messagesNeverCarryQueriesOrCredentials() {
    HttpResponse response = HttpResponse.newBuilder().code(500).request(REQUEST).build();
    List<HttpClientException> errors = List.of(
        new FetchTimeoutException(REQUEST, Phase.BODY, Duration.ofSeconds(2)),
        new TooManyRedirectsException(REQUEST, 21),
        new HttpStatusException(response),
        new RequestCancelledException(REQUEST, Phase.QUEUE, false));
    for (HttpClientException error : errors) {
      assertFalse(error.getMessage().contains("secret"), error.getMessage());
      assertFalse(error.getMessage().contains("pw"), error.getMessage());
      assertTrue(error.getMessage().contains("https://example.com:8443/path"), error.getMessage());
      assertSame(REQUEST, error.request());
    }
  }

  @Test
  void everyFailureIsAnIoExceptionWithAPhase() {
    IOException cause = new ConnectException("refused");
    HttpConnectException connect = new HttpConnectException("connect failed", REQUEST, Phase.CONNECT, cause);
    assertSame(cause, connect.getCause());
    assertEquals(Phase.CONNECT, connect.phase());
    HttpConnectException tls = new HttpTlsException("handshake failed", REQUEST, cause);
    assertEquals(Phase.TLS, tls.phase());
    assertSame(cause, tls.getCause());
    assertEquals(Phase.BODY, new FetchTimeoutException(null, Phase.BODY, Duration.ofMillis(5)).phase());
    assertEquals(Duration.ofMillis(5), new FetchTimeoutException(null, Phase.BODY, Duration.ofMillis(5)).timeout());
    assertEquals(Phase.HEADERS, new TooManyRedirectsException(REQUEST, 3).phase());
    assertEquals(3, new TooManyRedirectsException(REQUEST, 3).redirectCount());
    assertTrue(new RequestCancelledException(null, Phase.WRITE, true).isClientClosed());
    assertThrows(NullPointerException.class, () -> new HttpClientException("x", null, null, null));
  }

  @Test
  void codecErrorsHaveNoRequestUntilTheClientWrapsThem() {
    TruncatedBodyException codec = new TruncatedBodyException("cut short");
    assertNull(codec.request());
    TruncatedBodyException wrapped = new TruncatedBodyException("cut short", REQUEST, codec);
    assertSame(REQUEST, wrapped.request());
    assertSame(codec, wrapped.getCause());
    assertEquals(Phase.BODY, wrapped.phase());
    MessageTooLargeException tooLarge = new MessageTooLargeException(
        MessageTooLargeException.Limit.HEAD_BYTES, 10, REQUEST, Phase.HEADERS, codec);
    assertEquals(10, tooLarge.limitValue());
    assertTrue(tooLarge.getMessage().contains("HEAD_BYTES"), tooLarge.getMessage());
  }

  @Test
  void statusErrorsCarryTheResponse() {
    HttpResponse response = HttpResponse.newBuilder().code(404).request(REQUEST).build();
    HttpStatusException error = new HttpStatusException(response);
    assertSame(response, error.response());
    assertTrue(error.getMessage().startsWith("HTTP 404 Not Found"), error.getMessage());
  }

  @Test
  void phasesAreCheckedWhereOnlySomeMakeSense() {
    assertThrows(IllegalArgumentException.class,
        () -> new HttpProtocolException(HttpProtocolException.Kind.BAD_HEADER, "x", Phase.CONNECT));
    assertThrows(IllegalArgumentException.class, () -> new HttpConnectException("x", null, Phase.BODY, null));
    assertThrows(IllegalArgumentException.class, () -> new HttpConnectException("x", null, Phase.TLS, null));
    assertEquals(400, new HttpProtocolException(HttpProtocolException.Kind.BAD_HEADER, "x",
        Phase.HEADERS).suggestedStatus());
  }
}
