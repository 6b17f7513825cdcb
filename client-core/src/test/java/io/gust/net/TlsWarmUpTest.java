package io.gust.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.TlsOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TlsWarmUpTest {
  @Test
  void buildingTlsOptionsWarmsUpTheJdkOnABackgroundThread() throws Exception {
    TlsOptions.defaults();
    assertTrue(TlsWarmUp.finished.get(20, TimeUnit.SECONDS), "the ClientHello was produced");
  }
}
