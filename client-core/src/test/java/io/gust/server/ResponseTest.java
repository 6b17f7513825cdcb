package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import okio.ByteString;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ResponseTest {
  @ParameterizedTest
  @ValueSource(strings = {"\r", "\n", "\r\n", "\u0000"})
  void refusesCrLfAndNulInjectedIntoResponseHeaders(String bad) {
    Response ok = Response.of(200, "ok\n");
    assertThrows(IllegalArgumentException.class, () -> ok.withHeader("X", "a" + bad + "Y: 1"));
    assertThrows(IllegalArgumentException.class, () -> ok.withHeader("X" + bad, "a"));
    assertThrows(IllegalArgumentException.class,
        () -> Response.of(200, ByteString.EMPTY, "text/plain" + bad + "Set-Cookie: a=b"));
  }
}
