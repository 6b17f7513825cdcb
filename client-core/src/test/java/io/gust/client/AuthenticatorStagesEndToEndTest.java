package io.gust.client;

import static io.gust.client.AuthenticationEndToEndTest.BASIC_U_P;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LeakCheck;
import io.gust.testing.ManualLoop;
import io.gust.testing.ScriptedServer;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Authenticators that answer late, fail or never answer, against a raw server that challenges
 * once per connection (chunked 401 body, kept alive) and then wants {@code Basic u:p}.
 */
@Timeout(20)
class AuthenticatorStagesEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final ExecutorService tokenThread = Executors.newSingleThreadExecutor();
  /** A loop whose clock the deadline test moves. */
  private final ManualLoop manual = new ManualLoop();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private ScriptedServer server;

  @AfterEach
  void tearDown() throws Exception {
    tokenThread.shutdownNow();
    if (server != null) {
      server.close();
    }
    manual.close();
  }

  /** Challenges every request without the right credentials; answers the others "ok". */
  private void challengeUntilAuthorized(Socket socket, int index) throws Exception {
    InputStream in = socket.getInputStream();
    for (String head; (head = ScriptedServer.readHead(in)) != null; ) {
      String authorization = head.lines().filter(l -> l.startsWith("Authorization: "))
          .map(l -> l.substring(15)).findFirst().orElse("");
      authorizations.add(index + ":" + authorization + (head.contains("X-Late") ? " late" : ""));
      if (authorization.equals(BASIC_U_P)) {
        ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      } else {
        ScriptedServer.write(socket, "HTTP/1.1 401 Unauthorized\r\n"
            + "WWW-Authenticate: Basic realm=\"r\"\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "6\r\ndenied\r\n0\r\n\r\n");
      }
    }
  }

  private AsyncHttpClient client(Authenticator authenticator, Duration requestTimeout)
      throws Exception {
    server = ScriptedServer.start(this::challengeUntilAuthorized);
    return leaks.track(AsyncHttpClient.builder().authenticator(authenticator)
        .requestTimeout(requestTimeout).build());
  }

  private static HttpRequest withBasic(HttpResponse response) {
    return response.request().newBuilder().setHeader("Authorization", BASIC_U_P).build();
  }

  @Test
  void answerCompletedLaterOffTheLoopIsSentFromTheLoop() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> threads = new CopyOnWriteArrayList<>();
    Authenticator slowToken = (response, challenges, attempt) -> {
      threads.add(Thread.currentThread().getName());
      asked.countDown();
      return CompletableFuture.supplyAsync(() -> {
        await(release);
        return withBasic(response);
      }, tokenThread);
    };
    AsyncHttpClient client = client(slowToken, Duration.ofSeconds(10));
    CompletableFuture<HttpResponse> fetch = client.fetch(server.url("/private"));
    assertTrue(asked.await(5, TimeUnit.SECONDS));
    HttpResponse meanwhile = client.fetch(HttpRequest.newBuilder(server.url("/other"))
        .header("Authorization", BASIC_U_P).build()).get(5, TimeUnit.SECONDS);
    assertEquals(200, meanwhile.code(), "the loop is free while the authenticator works");
    // Registered before the answer is released, so the stage runs where the fetch completes.
    CompletableFuture<HttpResponse> observed = fetch.thenApply(r -> {
      threads.add(Thread.currentThread().getName());
      return r;
    });
    release.countDown();
    HttpResponse response = observed.get(5, TimeUnit.SECONDS);
    assertEquals("ok", response.bodyString());
    assertTrue(threads.stream().allMatch(name -> name.startsWith("gust-loop")), threads.toString());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void authenticatorThatThrowsFailsTheFetchWithItAsCause() throws Exception {
    IllegalStateException boom = new IllegalStateException("token service down");
    AsyncHttpClient client = client((response, challenges, attempt) -> {
      throw boom;
    }, Duration.ofSeconds(10));
    HttpAuthException error = authFailure(client.fetch(server.url("/")));
    assertEquals(HttpAuthException.Kind.AUTHENTICATOR_FAILED, error.kind());
    assertSame(boom, error.getCause());
    assertEquals(401, error.response().code());
  }

  @Test
  void failedStageFailsTheFetchWithItsCause() throws Exception {
    java.io.IOException refused = new java.io.IOException("token refused");
    AsyncHttpClient client = client((response, challenges, attempt) ->
        CompletableFuture.supplyAsync(() -> {
          throw new java.io.UncheckedIOException(refused);
        }, tokenThread), Duration.ofSeconds(10));
    HttpAuthException error = authFailure(client.fetch(server.url("/")));
    assertInstanceOf(java.io.UncheckedIOException.class, error.getCause());
    assertSame(refused, error.getCause().getCause());
  }

  private static HttpAuthException authFailure(CompletableFuture<HttpResponse> fetch) {
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> fetch.get(10, TimeUnit.SECONDS));
    return assertInstanceOf(HttpAuthException.class, failure.getCause());
  }

  @Test
  void authenticatorThatNeverAnswersIsCutOffByTheRequestDeadline() throws Exception {
    Duration deadline = Duration.ofSeconds(60);
    CountDownLatch asked = new CountDownLatch(1);
    server = ScriptedServer.start(this::challengeUntilAuthorized);
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().loop(manual.loop)
        .requestTimeout(deadline).authenticator((response, challenges, attempt) -> {
          asked.countDown();
          return new CompletableFuture<>();
        }).build());
    CompletableFuture<HttpResponse> fetch = client.fetch(server.url("/"));
    assertTrue(asked.await(10, TimeUnit.SECONDS));
    manual.advanceOnto(deadline, fetch);
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> fetch.get(10, TimeUnit.SECONDS));
    FetchTimeoutException timeout = assertInstanceOf(FetchTimeoutException.class,
        failure.getCause());
    assertEquals(Phase.HEADERS, timeout.phase(), "timed out answering the challenge");
    client.close();
    assertEquals(0, manual.pendingTimers(), "a timer outlived the fetch");
  }

  @Test
  void cancelWhileTheAuthenticatorWorksEndsTheFetchAndDropsTheLateAnswer() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    CompletableFuture<HttpRequest> later = new CompletableFuture<>();
    AsyncHttpClient client = client((response, challenges, attempt) -> {
      asked.countDown();
      return later.thenApply(ignored -> withBasic(response).newBuilder()
          .setHeader("X-Late", "1").build());
    }, Duration.ofSeconds(10));
    CompletableFuture<HttpResponse> fetch = client.fetch(server.url("/"));
    assertTrue(asked.await(5, TimeUnit.SECONDS));
    client.poolSnapshot().get(5, TimeUnit.SECONDS); // a loop pass after authenticate returned
    assertTrue(fetch.cancel(true));
    ExecutionException cancelled = assertThrows(ExecutionException.class,
        () -> fetch.exceptionally(e -> {
          throw new java.util.concurrent.CompletionException(e);
        }).get(5, TimeUnit.SECONDS));
    assertInstanceOf(CancellationException.class, cancelled.getCause());
    later.complete(null);
    assertEquals(200, client.fetch(HttpRequest.newBuilder(server.url("/"))
        .header("Authorization", BASIC_U_P).build()).get(5, TimeUnit.SECONDS).code());
    assertEquals(List.of("0:", "0:" + BASIC_U_P), authorizations,
        "the late answer was never sent; the 401's connection went back to the pool");
  }
}
