package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AsyncHttpClientBuilderTest {
  @ParameterizedTest
  @ValueSource(strings = {"\r", "\n", "\r\n", "\u0000"})
  void userAgentWithCrLfOrNulIsRefusedAtTheBuilder(String bad) {
    AsyncHttpClient.Builder builder = AsyncHttpClient.builder();
    assertThrows(IllegalArgumentException.class, () -> builder.userAgent("Gust" + bad + "X: 1"));
  }
}
