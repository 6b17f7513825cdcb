package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.TestServerExtension;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server against OkHttp, a client Gust did not write. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OkHttpEndToEndTest {
  @RegisterExtension
  final TestServerExtension server = new TestServerExtension();

  private final OkHttpClient client = new OkHttpClient();

  @AfterEach
  void release() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private Response call(Request request) throws Exception {
    return client.newCall(request).execute();
  }

  @Test
  void keepAliveRequestsShareOneConnection() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (Response response = call(new Request.Builder().url(server.url("/hello").toString())
          .build())) {
        assertEquals("hello\n", response.body().string());
      }
    }
    assertEquals(1, server.server().acceptedConnections());
  }

  @Test
  void postedBodyIsEchoedAndGzipIsDecodedTransparently() throws Exception {
    RequestBody body = RequestBody.create("from okhttp", MediaType.get("text/plain"));
    try (Response response = call(new Request.Builder().url(server.url("/echo").toString())
        .post(body).build())) {
      assertTrue(response.body().string().endsWith("\r\n\r\nfrom okhttp"));
    }
    try (Response response = call(new Request.Builder().url(server.url("/gzip").toString())
        .build())) {
      assertEquals(TestRoutes.GZIP_TEXT, response.body().string());
    }
  }

  @Test
  void redirectsAreFollowedToGet() throws Exception {
    try (Response response = call(new Request.Builder()
        .url(server.url("/redirect/2").toString()).build())) {
      assertEquals("get\n", response.body().string());
    }
  }
}
