package io.gust.resolver;

import static io.gust.resolver.DnsPackets.A;
import static io.gust.resolver.DnsPackets.AAAA;
import static io.gust.resolver.DnsPackets.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AddressFamily;
import io.gust.loop.EventLoop;
import io.gust.testing.Eventually;
import io.gust.testing.ManualLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class DnsResolverTest {
  @TempDir Path dir;
  private final EventLoop loop = EventLoop.create();
  private ScriptedDnsServer server;
  private DnsResolver resolver;
  private long socketsBefore;

  @BeforeEach
  void countSockets() {
    socketsBefore = OpenSockets.count();
  }

  @AfterEach
  void closeEverything() throws IOException {
    if (resolver != null) {
      resolver.close();
    }
    if (server != null) {
      server.close();
    }
    loop.close();
    assertEquals(socketsBefore, OpenSockets.count(), "sockets left open");
  }

  @Test
  void aRecordResolvesOnTheCallersLoop() throws Exception {
    serve(q -> q.type() == A ? now(reply(q).a(q.name(), 300, "192.0.2.7")) : now(reply(q)));
    CompletableFuture<String> thread = new CompletableFuture<>();
    List<InetSocketAddress> addresses = onLoop(() -> resolver.resolve(loop, "svc.test", 8080,
        AddressFamily.IPV4).whenComplete((r, e) -> thread.complete(Thread.currentThread().getName())));
    assertEquals(List.of(address("192.0.2.7", 8080)), addresses);
    assertEquals(loop.name(), thread.get(5, TimeUnit.SECONDS));
    assertEquals("svc.test", addresses.get(0).getAddress().getHostName());
    assertEquals(300, ResolvedAddresses.ttlSeconds(addresses));
    assertEquals(0, server.count(AAAA), "IPV4 asks no AAAA");
  }

  @Test
  void bothFamiliesAtOnceListIpv6First() throws Exception {
    serve(q -> now(q.type() == A ? reply(q).a(q.name(), 60, "192.0.2.1").a(q.name(), 60, "192.0.2.2")
        : reply(q).aaaa(q.name(), 30, "2001:db8::1")));
    List<InetSocketAddress> addresses = resolve("dual.test", AddressFamily.ANY);
    assertEquals(List.of(address("2001:db8::1", 80), address("192.0.2.1", 80),
        address("192.0.2.2", 80)), addresses);
    assertEquals(30, ResolvedAddresses.ttlSeconds(addresses));
  }

  @Test
  void ipv6FamilyAsksOnlyAaaa() throws Exception {
    serve(q -> now(q.type() == AAAA ? reply(q).aaaa(q.name(), 60, "2001:db8::2") : reply(q)));
    assertEquals(List.of(address("2001:db8::2", 80)), resolve("v6.test", AddressFamily.IPV6));
    assertEquals(0, server.count(A));
  }

  @Test
  void cnameChainIsFollowedAndTheSmallestTtlKept() throws Exception {
    serve(q -> now(q.type() != A ? reply(q) : reply(q)
        .cname(q.name(), 100, "edge.cdn.test")
        .cname("edge.cdn.test", 20, "node7.cdn.test")
        .a("node7.cdn.test", 50, "192.0.2.9")
        .a("unrelated.test", 1, "192.0.2.66")));
    List<InetSocketAddress> addresses = resolve("WWW.Site.test", AddressFamily.IPV4);
    assertEquals(List.of(address("192.0.2.9", 80)), addresses);
    assertEquals(20, ResolvedAddresses.ttlSeconds(addresses));
  }

  @Test
  void truncatedUdpAnswerIsAskedAgainOverTcp() throws Exception {
    serve(q -> now(q.tcp() ? reply(q).a(q.name(), 60, "192.0.2.3").a(q.name(), 60, "192.0.2.4")
        : reply(q).truncated()));
    assertEquals(List.of(address("192.0.2.3", 80), address("192.0.2.4", 80)),
        resolve("big.test", AddressFamily.IPV4));
    assertEquals(List.of(false, true), server.questions().stream().map(q -> q.tcp()).toList());
  }

  @Test
  void nxdomainFailsWithHostNotFound() throws Exception {
    serve(q -> now(reply(q).rcode(DnsPackets.NXDOMAIN)));
    HostNotFoundException failure = failure(HostNotFoundException.class, "nope.test", AddressFamily.ANY);
    assertEquals("nope.test", failure.host());
    assertEquals(2, server.questions().size(), "A and AAAA, one server, no retry");
  }

  @Test
  void servfailFailsWithServerFailureNamingTheCode() throws Exception {
    serve(q -> now(reply(q).rcode(DnsPackets.SERVFAIL)));
    DnsServerFailureException failure =
        failure(DnsServerFailureException.class, "broken.test", AddressFamily.IPV4);
    assertEquals(2, failure.rcode());
    assertTrue(failure.getMessage().contains("SERVFAIL"), failure.getMessage());
    assertEquals(2, server.questions().size(), "two attempts");
  }

  @Test
  void silenceFailsWithTimeoutAfterEveryAttemptOnEveryServer() throws Exception {
    serve(q -> List.of());
    Duration attempt = Duration.ofSeconds(5);
    try (ScriptedDnsServer second = ScriptedDnsServer.start(q -> List.of());
        ManualLoop manual = new ManualLoop()) {
      resolver = builder().nameserver(second.nameserver()).attemptTimeout(attempt).build();
      CompletableFuture<List<InetSocketAddress>> lookup = Loops.onLoop(manual.loop,
          () -> resolver.resolve(manual.loop, "quiet.test", 80, AddressFamily.IPV4));
      manual.pass();
      for (int i = 0; i < 4; i++) { // two attempts on each of the two servers, one at a time
        manual.advanceOnto(attempt, lookup);
      }
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> lookup.get(5, TimeUnit.SECONDS));
      assertInstanceOf(DnsTimeoutException.class, e.getCause());
      // The servers note questions on their own threads, maybe after the lookup has failed.
      Eventually.assertThat(Duration.ofSeconds(5), () -> "questions: "
          + server.questions().size() + " and " + second.questions().size() + ", not 2 and 2",
          () -> server.questions().size() == 2 && second.questions().size() == 2);
    }
  }

  @Test
  void silentFirstServerIsFollowedByTheNext() throws Exception {
    serve(q -> List.of());
    try (ScriptedDnsServer second = ScriptedDnsServer.start(
        q -> now(reply(q).a(q.name(), 60, "192.0.2.5")))) {
      resolver = builder().nameserver(second.nameserver()).build();
      assertEquals(List.of(address("192.0.2.5", 80)), resolve("second.test", AddressFamily.IPV4));
      assertEquals(1, server.questions().size());
    }
  }

  @Test
  void answersWithAnotherIdOrQuestionAreIgnoredAndTheRealOneAccepted() throws Exception {
    serve(q -> List.of(
        new ScriptedDnsServer.Reply(reply(q).id(q.id() ^ 0x5a5a).a(q.name(), 60, "203.0.113.66").bytes(), 0),
        new ScriptedDnsServer.Reply(reply(new DnsPackets.Question(q.id(), "evil.test", A, false))
            .a("evil.test", 60, "203.0.113.66").bytes(), 0),
        new ScriptedDnsServer.Reply(reply(new DnsPackets.Question(q.id(), q.name(), AAAA, false))
            .aaaa(q.name(), 60, "2001:db8::66").bytes(), 0),
        new ScriptedDnsServer.Reply(new byte[] {1, 2, 3}, 0),
        new ScriptedDnsServer.Reply(reply(q).a(q.name(), 60, "192.0.2.10").bytes(), 50)));
    assertEquals(List.of(address("192.0.2.10", 80)), resolve("real.test", AddressFamily.IPV4));
  }

  @Test
  void pointerLoopInTheAnswerIsMalformed() throws Exception {
    // An answer whose name is a pointer to itself: offset of the answer section.
    serve(q -> now(reply(q).rawAnswer(loopingRecord(q), 1)));
    failure(MalformedDnsResponseException.class, "loop.test", AddressFamily.IPV4);
  }

  @Test
  void outOfBoundsPointerIsMalformed() throws Exception {
    serve(q -> now(reply(q).rawAnswer(new byte[] {(byte) 0xc3, (byte) 0xff, 0, 1, 0, 1, 0, 0, 0,
        60, 0, 4, 1, 2, 3, 4}, 1)));
    failure(MalformedDnsResponseException.class, "oob.test", AddressFamily.IPV4);
  }

  @Test
  void truncatedPacketIsMalformed() throws Exception {
    serve(q -> {
      byte[] whole = reply(q).a(q.name(), 60, "192.0.2.1").bytes();
      return ScriptedDnsServer.Reply.now(java.util.Arrays.copyOf(whole, whole.length - 3));
    });
    failure(MalformedDnsResponseException.class, "short.test", AddressFamily.IPV4);
  }

  @Test
  void answerCountThatLiesIsMalformed() throws Exception {
    serve(q -> now(reply(q).a(q.name(), 60, "192.0.2.1").rawAnswer(new byte[0], 3)));
    failure(MalformedDnsResponseException.class, "liar.test", AddressFamily.IPV4);
  }

  @Test
  void aFirstWaitsForAaaaWithinTheResolutionDelay() throws Exception {
    serve(q -> q.type() == A ? now(reply(q).a(q.name(), 60, "192.0.2.1"))
        : ScriptedDnsServer.Reply.after(40, reply(q).aaaa(q.name(), 60, "2001:db8::1").bytes()));
    resolver = builder().resolutionDelay(Duration.ofMillis(400)).build();
    assertEquals(List.of(address("2001:db8::1", 80), address("192.0.2.1", 80)),
        resolve("late6.test", AddressFamily.ANY));
  }

  @Test
  void aFirstAnswersAfterTheResolutionDelayWithoutALateAaaa() throws Exception {
    serve(q -> q.type() == A ? now(reply(q).a(q.name(), 60, "192.0.2.1"))
        : ScriptedDnsServer.Reply.after(1500, reply(q).aaaa(q.name(), 60, "2001:db8::1").bytes()));
    resolver = builder().resolutionDelay(Duration.ofMillis(100)).attemptTimeout(Duration.ofSeconds(3))
        .build();
    long start = System.nanoTime();
    assertEquals(List.of(address("192.0.2.1", 80)), resolve("slow6.test", AddressFamily.ANY));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(tookMillis >= 90 && tookMillis < 1000, tookMillis + " ms");
  }

  @Test
  void aaaaFirstAnswersWithoutWaitingForASlowA() throws Exception {
    serve(q -> q.type() == AAAA ? now(reply(q).aaaa(q.name(), 60, "2001:db8::1"))
        : ScriptedDnsServer.Reply.after(1500, reply(q).a(q.name(), 60, "192.0.2.1").bytes()));
    resolver = builder().resolutionDelay(Duration.ofMillis(50)).attemptTimeout(Duration.ofSeconds(3))
        .build();
    long start = System.nanoTime();
    assertEquals(List.of(address("2001:db8::1", 80)), resolve("fast6.test", AddressFamily.ANY));
    assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1000));
  }

  @Test
  void emptyAaaaDoesNotDelayTheAAnswer() throws Exception {
    serve(q -> q.type() == A ? ScriptedDnsServer.Reply.after(30, reply(q).a(q.name(), 60, "192.0.2.1").bytes())
        : now(reply(q)));
    resolver = builder().resolutionDelay(Duration.ofSeconds(5)).build();
    long start = System.nanoTime();
    assertEquals(List.of(address("192.0.2.1", 80)), resolve("only4.test", AddressFamily.ANY));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
  }

  @Test
  void searchDomainsComeFirstForShortNamesAndAfterForLongOnes() throws Exception {
    serve(q -> now(q.name().equals("db.lab.test") || q.name().equals("a.b")
        ? reply(q).a(q.name(), 60, "192.0.2.20") : reply(q).rcode(DnsPackets.NXDOMAIN)));
    resolver = builder().searchDomains(List.of("corp.test", "lab.test")).ndots(1).build();
    assertEquals(List.of(address("192.0.2.20", 80)), resolve("db", AddressFamily.IPV4));
    assertEquals(List.of("db.corp.test", "db.lab.test"), names());
    assertEquals(List.of(address("192.0.2.20", 80)), resolve("a.b", AddressFamily.IPV4));
    assertEquals(List.of("db.corp.test", "db.lab.test", "a.b"), names());
    failure(HostNotFoundException.class, "db.", AddressFamily.IPV4);
    assertEquals(List.of("db.corp.test", "db.lab.test", "a.b", "db"), names());
  }

  @Test
  void searchListNdotsAndAttemptsComeFromTheResolvConfFile() throws Exception {
    serve(q -> List.of());
    Path conf = Files.writeString(dir.resolve("resolv.conf"),
        "nameserver 192.0.2.53\nsearch corp.test\noptions ndots:2 attempts:1 timeout:1\n");
    resolver = DnsResolver.builder().resolvConf(conf).hostsFile(null)
        .nameserver(server.nameserver()).attemptTimeout(Duration.ofMillis(100)).build();
    failure(DnsTimeoutException.class, "a.b", AddressFamily.IPV4);
    assertEquals(List.of("a.b.corp.test", "a.b"), names(), "one attempt each, search first");
  }

  @Test
  void hostsFileAnswersBeforeDns() throws Exception {
    serve(q -> now(reply(q).a(q.name(), 60, "192.0.2.99")));
    Path hosts = Files.writeString(dir.resolve("hosts"), "10.1.2.3 pinned.test alias.test\n");
    resolver = builder().hostsFile(hosts).build();
    assertEquals(List.of(address("10.1.2.3", 443)),
        resolver.resolve(loop, "Alias.Test", 443, AddressFamily.ANY).get(5, TimeUnit.SECONDS));
    assertEquals(List.of(address("192.0.2.99", 80)), resolve("other.test", AddressFamily.IPV4));
    assertEquals(List.of("other.test"), names());
  }

  @Test
  void literalsAndLocalhostSendNoQuery() throws Exception {
    serve(q -> List.of());
    assertEquals(List.of(address("127.0.0.1", 80)), resolve("localhost", AddressFamily.IPV4));
    assertEquals(List.of(address("::1", 80)), resolve("[::1]", AddressFamily.ANY));
    assertTrue(server.questions().isEmpty());
  }

  @Test
  void closeEndsLookupsInFlightAndClosesTheirSockets() throws Exception {
    serve(q -> List.of());
    resolver = builder().attemptTimeout(Duration.ofSeconds(30)).build();
    CompletableFuture<List<InetSocketAddress>> pending =
        onLoopFuture(() -> resolver.resolve(loop, "hang.test", 80, AddressFamily.ANY));
    awaitQuestions(2);
    resolver.close();
    ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
    assertInstanceOf(ResolverRejectedException.class, e.getCause());
    assertInstanceOf(ResolverRejectedException.class, assertThrows(ExecutionException.class,
        () -> resolver.resolve(loop, "after.test", 80).get(5, TimeUnit.SECONDS)).getCause());
    assertEquals(0, resolver.activeCount());
  }

  private void serve(ScriptedDnsServer.Script script) throws IOException {
    server = ScriptedDnsServer.start(script);
    resolver = builder().build();
  }

  private DnsResolver.Builder builder() {
    return DnsResolver.builder()
        .resolvConf(dir.resolve("absent-resolv.conf"))
        .hostsFile(null)
        .nameserver(server.nameserver())
        .attemptTimeout(Duration.ofMillis(300))
        .attempts(2);
  }

  private List<InetSocketAddress> resolve(String host, AddressFamily family) throws Exception {
    return onLoop(() -> resolver.resolve(loop, host, 80, family));
  }

  private <T extends Throwable> T failure(Class<T> type, String host, AddressFamily family) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> resolve(host, family));
    return assertInstanceOf(type, e.getCause());
  }

  private <T> T onLoop(java.util.concurrent.Callable<CompletableFuture<T>> call) throws Exception {
    return Loops.await(loop, call);
  }

  private <T> CompletableFuture<T> onLoopFuture(java.util.concurrent.Callable<CompletableFuture<T>> call) {
    return Loops.onLoop(loop, call);
  }

  private void awaitQuestions(int count) {
    Eventually.assertThat(Duration.ofSeconds(5),
        () -> "the server saw " + server.questions().size() + " questions, not " + count,
        () -> server.questions().size() >= count);
  }


  private List<String> names() {
    return server.questions().stream().map(DnsPackets.Question::name).toList();
  }

  private static byte[] loopingRecord(DnsPackets.Question q) {
    int answerOffset = 12 + DnsPackets.encodeName(q.name()).length + 4;
    return new byte[] {(byte) (0xc0 | answerOffset >>> 8), (byte) answerOffset, 0, 1, 0, 1, 0, 0,
        0, 60, 0, 4, 1, 2, 3, 4};
  }

  private static List<ScriptedDnsServer.Reply> now(DnsPackets.Response response) {
    return ScriptedDnsServer.Reply.now(response.bytes());
  }

  static InetSocketAddress address(String literal, int port) {
    return new InetSocketAddress(io.gust.net.Addresses.literal(literal, port, AddressFamily.ANY)
        .get(0).getAddress(), port);
  }
}
