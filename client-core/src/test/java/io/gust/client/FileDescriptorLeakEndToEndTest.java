package io.gust.client;

import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
class FileDescriptorLeakEndToEndTest {
  private static final int FETCHES = 10_000;
  @RegisterExtension final LeakCheck leaks = new LeakCheck();

  @Test
  void tenThousandFetchesFailingEveryWayLeakNoDescriptor() throws Exception {
    int refused;
    try (ServerSocket closed = new ServerSocket(0)) {
      refused = closed.getLocalPort();
    }
    String[] replies = {
        null,
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
        "HTTP/1.1 2x0 Broken\r\n\r\n",
        "",
        "HANG",
        "CANCEL",
    };
    try (ScriptedServer server = ScriptedServer.start((socket, index) -> {
      String head = readHead(socket.getInputStream());
      String reply = replies[Integer.parseInt(head.substring(5, head.indexOf(' ', 5)))];
      if (reply == null) {
        socket.setSoLinger(true, 0);
      } else if (reply.equals("HANG") || reply.equals("CANCEL")) {
        socket.getInputStream().read();
      } else {
        write(socket, reply);
      }
    })) {
      int baseline = LeakCheck.channelCount();
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().maxConnections(64)
          .build());
      List<CompletableFuture<HttpResponse>> all = new ArrayList<>(FETCHES);
      for (int i = 0; i < FETCHES; i++) {
        int kind = i % (replies.length + 1);
        CompletableFuture<HttpResponse> future;
        if (kind == replies.length) {
          future = client.fetch("http://127.0.0.1:" + refused + "/");
        } else {
          HttpRequest.Builder request = HttpRequest.newBuilder(server.url("/" + kind + " "
              .trim()));
          if (replies[kind] != null && replies[kind].equals("HANG")) {
            request.requestTimeout(Duration.ofMillis(50));
          }
          future = client.fetch(request.build());
          if (replies[kind] != null && replies[kind].equals("CANCEL")) {
            future.cancel(true);
          }
        }
        all.add(future);
      }
      int failed = 0;
      for (CompletableFuture<HttpResponse> future : all) {
        try {
          future.get(30, TimeUnit.SECONDS);
        } catch (Exception expected) {
          failed++;
        }
      }
      assertEquals(FETCHES, failed);
      assertTrue(client.poolSnapshot().get(5, TimeUnit.SECONDS).open() <= 64);
      client.close();
      LeakCheck.awaitChannelsAtMost(baseline, Duration.ofSeconds(10));
    }
  }
}
