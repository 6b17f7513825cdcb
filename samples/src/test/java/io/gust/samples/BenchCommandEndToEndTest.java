package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.Protocol;
import io.gust.server.HttpServer;
import io.gust.server.Response;
import io.gust.testing.TlsCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class BenchCommandEndToEndTest {
  private static HttpServer server;
  /** HTTPS with a certificate for 127.0.0.1 from the test CA. */
  private static HttpServer https;
  /** HTTPS with a certificate for another host, from the test CA. */
  private static HttpServer wrongHost;
  private static Path caFile;
  /** Answers 200 to HTTP/2 requests only (505 otherwise), plain (h2c) and over TLS (h2). */
  private static HttpServer h2Only;
  private static HttpServer h2OnlyTls;

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.builder().testRoutes().build().start();
    https = HttpServer.builder().testRoutes()
        .tls(TlsCertificates.serverContext(TlsCertificates.SERVER)).build().start();
    wrongHost = HttpServer.builder().testRoutes()
        .tls(TlsCertificates.serverContext(TlsCertificates.WRONG_HOST)).build().start();
    caFile = TlsCertificates.writePem(TlsCertificates.CA, Files.createTempFile("gust-ca", ".pem"));
    h2Only = h2OnlyRoutes().build().start();
    h2OnlyTls = h2OnlyRoutes().tls(TlsCertificates.serverContext(TlsCertificates.SERVER)).build()
        .start();
  }

  private static HttpServer.Builder h2OnlyRoutes() {
    return HttpServer.builder().get("/h2", request -> request.protocol() == Protocol.HTTP_2
        ? Response.ok("h2\n") : Response.of(505, request.protocol() + "\n"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    https.close();
    wrongHost.close();
    h2Only.close();
    h2OnlyTls.close();
    Files.deleteIfExists(caFile);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gust", "jdk", "okhttp"})
  void countedRunReportsExactlyTheRequestsItMade(String client) throws Exception {
    String json = run("-c", "4", "-n", "300", "--client", client, "--json",
        server.url("/get").toString());
    assertAllAnswered(300, json);
    assertTrue(json.contains("\"client\":\"" + client + "\""), json);
    assertTrue(json.contains("\"p99.9\":"), json);
    assertTrue(number(json, "bytesPerRequest") > 0, json);
    assertTrue(decimal(json, "cpuMicrosPerRequest") > 0, json);
    assertTrue(decimal(json, "coresBusy") > 0, json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gust", "jdk", "okhttp"})
  void httpsRunTrustingTheCaFileAnswersEveryRequest(String client) throws Exception {
    String json = run("-c", "4", "-n", "200", "--client", client, "--cacert", caFile.toString(),
        "--json", https.url("/get").toString());
    assertAllAnswered(200, json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gust", "jdk", "okhttp"})
  void httpsRunWithInsecureAcceptsACertificateForAnotherHost(String client) throws Exception {
    String json = run("-c", "4", "-n", "100", "--client", client, "-k", "--json",
        wrongHost.url("/get").toString());
    assertAllAnswered(100, json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gust", "jdk", "okhttp"})
  void httpsRunWithTheCaFileRefusesACertificateForAnotherHost(String client) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = BenchCommand.run(new String[] {"-c", "2", "-n", "10", "--client", client,
        "--cacert", caFile.toString(), wrongHost.url("/get").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream()));
    assertEquals(1, code, out.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gust", "jdk", "okhttp"})
  void newConnectionsOpensAConnectionForEveryRequest(String client) throws Exception {
    long before = https.acceptedConnections();
    String json = run("-c", "2", "-n", "40", "--new-connections", "--client", client,
        "--cacert", caFile.toString(), "--json", https.url("/get").toString());
    assertEquals(0, number(json, "errors"), json);
    assertTrue(json.contains("\"newConnections\":true"), json);
    long warmUp = 4; // a tenth of the requests, at least -c
    assertEquals(40 + warmUp, https.acceptedConnections() - before, json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gust", "jdk", "okhttp"})
  void http2RunOverTlsSendsEveryRequestOverHttp2(String client) throws Exception {
    String json = run("-c", "8", "-n", "200", "--http2", "--client", client, "--cacert",
        caFile.toString(), "--json", h2OnlyTls.url("/h2").toString());
    assertAllAnswered(200, json);
  }

  @Test
  void http2RunOverH2cCarriesTheRequestsInFlightAsStreamsOfOneConnection() throws Exception {
    long before = h2Only.acceptedConnections();
    String json = run("-c", "16", "-n", "400", "--http2", "--json",
        h2Only.url("/h2").toString());
    assertAllAnswered(400, json);
    assertTrue(h2Only.acceptedConnections() - before < 16, "accepted "
        + (h2Only.acceptedConnections() - before) + " connections for 16 requests in flight");
  }

  @Test
  void keepAliveRunReusesItsConnections() throws Exception {
    long before = https.acceptedConnections();
    run("-c", "2", "-n", "40", "--cacert", caFile.toString(), https.url("/get").toString());
    assertTrue(https.acceptedConnections() - before <= 2, "accepted "
        + (https.acceptedConnections() - before));
  }

  @Test
  void missingCaFileIsAUsageError() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String missing = caFile.resolveSibling("missing-" + caFile.getFileName()).toString();
    int code = BenchCommand.run(new String[] {"-n", "1", "--cacert", missing,
        https.url("/get").toString()}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("error setting certificate file: " + missing), text);
    assertTrue(text.contains("usage: bench"), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jetty", "apache", "ahc"})
  void peerClientMissingFromTheJarNamesTheProfileThatAddsIt(String client) throws Exception {
    String peer = "io.gust.samples.Peer" + switch (client) {
      case "jetty" -> "Jetty";
      case "apache" -> "Apache";
      default -> "Ahc";
    };
    boolean built = true;
    try {
      Class.forName(peer);
    } catch (ClassNotFoundException e) {
      built = false;
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = BenchCommand.run(new String[] {"-c", "2", "-n", "10", "--client", client,
        server.url("/get").toString()}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    if (built) {
      assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    } else {
      assertEquals(2, code);
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("-Ppeers"), err.toString());
    }
  }

  @Test
  void timedRunReportsRequestsAndPercentilesAsText() throws Exception {
    String text = run("-c", "2", "-d", "0.5", server.url("/hello").toString());
    Matcher requests = Pattern.compile("requests\\s+(\\d+) in").matcher(text);
    assertTrue(requests.find(), text);
    assertTrue(Long.parseLong(requests.group(1)) > 0, text);
    assertTrue(text.contains("p50") && text.contains("p99.9") && text.contains("max"), text);
  }

  @Test
  void nonSuccessStatusesAreCountedApart() throws Exception {
    String json = run("-c", "2", "-n", "20", "--json", server.url("/status/503").toString());
    assertEquals(20, number(json, "requests"), json);
    assertEquals(20, number(json, "non2xx"), json);
  }

  @Test
  void holdRunCompletesEveryHeldRequestAndReportsHeapAndThreads() throws Exception {
    String json = run("--hold", "50", "--sample", "0.1", "--json",
        server.url("/delay/300").toString());
    assertEquals(50, number(json, "completed"), json);
    assertEquals(0, number(json, "failed"), json);
    assertTrue(number(json, "threads") > 0, json);
    assertTrue(json.contains("\"heapBytesPerRequest\":"), json);
  }

  @Test
  void badUsageExitsTwo() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = BenchCommand.run(new String[] {"-c", "0", "http://127.0.0.1:1/"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    assertEquals(2, code);
  }

  private static String run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream()));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    return text;
  }

  /** The run's JSON reports {@code requests} requests, every one answered 2xx. */
  private static void assertAllAnswered(long requests, String json) {
    assertEquals(requests, number(json, "requests"), json);
    assertEquals(0, number(json, "errors"), json);
    assertEquals(0, number(json, "non2xx"), json);
  }

  private static double decimal(String json, String key) {
    Matcher matcher =
        Pattern.compile("\"" + Pattern.quote(key) + "\":(\\d+\\.\\d+)").matcher(json);
    assertTrue(matcher.find(), key + " in " + json);
    return Double.parseDouble(matcher.group(1));
  }

  private static long number(String json, String key) {
    Matcher matcher = Pattern.compile("\"" + Pattern.quote(key) + "\":(\\d+)").matcher(json);
    assertTrue(matcher.find(), key + " in " + json);
    return Long.parseLong(matcher.group(1));
  }
}
