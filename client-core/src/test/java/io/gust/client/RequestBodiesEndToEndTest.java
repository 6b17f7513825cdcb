package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.Curl;
import io.gust.testing.ExternalTools;
import io.gust.testing.MockServerFixture;
import io.gust.testing.ToolRun;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Form and multipart bodies as MockWebServer and Python's email parser receive them. */
@Timeout(30)
class RequestBodiesEndToEndTest {
  @RegisterExtension final MockServerFixture fixture = new MockServerFixture();
  @TempDir Path dir;

  private RecordedRequest post(RequestBody body) throws Exception {
    fixture.server().enqueue(new MockResponse.Builder().body("ok").build());
    assertEquals(200, fixture.client().send(HttpRequest.newBuilder(fixture.server().url("/up").toString())
        .post(body).build()).code());
    RecordedRequest recorded = fixture.server().takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(recorded, "server saw no request");
    return recorded;
  }

  @Test
  void formBodyIsUtf8PercentEncodedWithPlusForSpace() throws Exception {
    RecordedRequest recorded = post(FormBody.builder().add("name", "Zoë & co")
        .add("a+b", "1=2/3").add("empty", "").add("keep", "*-._").build());
    String sent = recorded.getBody().utf8();
    assertEquals("name=Zo%C3%AB+%26+co&a%2Bb=1%3D2%2F3&empty=&keep=*-._", sent);
    assertEquals("application/x-www-form-urlencoded", recorded.getHeaders().get("Content-Type"));
    assertEquals(String.valueOf(sent.length()), recorded.getHeaders().get("Content-Length"));
    assertEquals("Zoë & co", URLDecoder.decode("Zo%C3%AB+%26+co", StandardCharsets.UTF_8));
  }

  @Test
  void multipartWithKnownSizesIsSentWithContentLengthAndParsesInPython() throws Exception {
    byte[] photo = new byte[300_000];
    new Random(7).nextBytes(photo);
    Path file = Files.write(dir.resolve("beach \"1\".jpg"), photo);
    RequestBody body = MultipartBody.builder()
        .field("title", "Sommer in Köln")
        .file("photo", file, "image/jpeg")
        .part("meta", "meta.json", RequestBody.ofString("{\"a\":1}", "application/json"))
        .build();
    assertTrue(body.contentLength() > photo.length);
    RecordedRequest recorded = post(body);
    assertEquals(String.valueOf(body.contentLength()), recorded.getHeaders().get("Content-Length"));
    assertNull(recorded.getHeaders().get("Transfer-Encoding"));
    assertEquals(body.contentLength(), recorded.getBodySize());
    String contentType = recorded.getHeaders().get("Content-Type");
    assertTrue(contentType.startsWith("multipart/form-data; boundary=gust-"), contentType);
    assertEquals(List.of(
        "title None text/plain 15 " + sha256("Sommer in Köln".getBytes(StandardCharsets.UTF_8)),
        "photo beach %221%22.jpg image/jpeg 300000 " + sha256(photo),
        "meta meta.json application/json 7 " + sha256("{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
        "defects 0"), parseInPython(contentType, recorded.getBody()));
  }

  @Test
  void multipartWireShapeMatchesCurlDashF() throws Exception {
    ExternalTools.require("curl");
    Path file = Files.writeString(dir.resolve("beach.jpg"), "not really a jpeg\r\n");
    fixture.server().enqueue(new MockResponse.Builder().build());
    ToolRun curl = Curl.run(dir, "-o", "/dev/null", "-F", "title=Holiday",
        "-F", "photo=@" + file + ";type=image/jpeg", fixture.url("/up"));
    assertEquals(0, curl.exit(), curl.stderr());
    RecordedRequest byCurl = fixture.take();
    RecordedRequest byGust = post(MultipartBody.builder().field("title", "Holiday")
        .file("photo", file, "image/jpeg").build());
    assertEquals(withoutBoundary(byCurl), withoutBoundary(byGust));
    assertEquals(String.valueOf(byGust.getBodySize()), byGust.getHeaders().get("Content-Length"));
  }

  private static String withoutBoundary(RecordedRequest request) {
    String contentType = request.getHeaders().get("Content-Type");
    String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
    return request.getBody().utf8().replace(boundary, "BOUNDARY");
  }

  @Test
  void multipartWithAPartOfUnknownLengthIsSentChunked() throws Exception {
    RequestBody streamed = RequestBody.ofProducer(writer -> writer.write(ByteString.encodeUtf8("abc"))
        .thenCompose(ignored -> writer.write(ByteString.encodeUtf8("def")))
        .thenRun(writer::end), "text/csv");
    RequestBody body = MultipartBody.builder().field("a", "1")
        .part("rows", "rows.csv", streamed).build();
    assertEquals(-1, body.contentLength());
    RecordedRequest recorded = post(body);
    assertEquals("chunked", recorded.getHeaders().get("Transfer-Encoding"));
    assertEquals(List.of("a None text/plain 1 " + sha256("1".getBytes(StandardCharsets.UTF_8)),
        "rows rows.csv text/csv 6 " + sha256("abcdef".getBytes(StandardCharsets.UTF_8)),
        "defects 0"), parseInPython(recorded.getHeaders().get("Content-Type"), recorded.getBody()));
  }

  @Test
  void eachBodyGetsItsOwnBoundary() {
    assertNotEquals(MultipartBody.builder().build().contentType(),
        MultipartBody.builder().build().contentType());
  }

  @Test
  void aMissingFileFailsTheFetchInTheWritePhase() throws Exception {
    Path missing = dir.resolve("missing.bin");
    RequestBody body = MultipartBody.builder().file("f", missing, null).build();
    assertEquals(-1, body.contentLength(), "an unreadable file leaves the length unknown");
    fixture.server().enqueue(new MockResponse.Builder().build());
    HttpClientException error = assertThrows(HttpClientException.class, () -> fixture.client().send(
        HttpRequest.newBuilder(fixture.server().url("/up").toString()).post(body).build()));
    assertEquals(Phase.WRITE, error.phase());
    assertInstanceOf(NoSuchFileException.class, error.getCause());
  }

  @Test
  void aFileThatChangedSizeAfterBuildFailsTheFetch() throws Exception {
    Path file = Files.write(dir.resolve("grows.txt"), new byte[10]);
    RequestBody body = MultipartBody.builder().file("f", file, "text/plain").build();
    Files.write(file, new byte[20]);
    fixture.server().enqueue(new MockResponse.Builder().build());
    HttpClientException error = assertThrows(HttpClientException.class, () -> fixture.client().send(
        HttpRequest.newBuilder(fixture.server().url("/up").toString()).post(body).build()));
    assertTrue(error.getCause().getMessage().contains("changed size"), error.toString());
  }

  private List<String> parseInPython(String contentType, ByteString body) throws Exception {
    Path python = ExternalTools.require("python3");
    Path script = Path.of(getClass().getResource("parse_multipart.py").toURI());
    Path input = Files.write(dir.resolve("body.bin"), body.toByteArray());
    ToolRun run = ToolRun.run(dir, Duration.ofSeconds(20),
        new ProcessBuilder(python.toString(), script.toString(), contentType)
            .redirectInput(input.toFile()).redirectErrorStream(true));
    assertEquals(0, run.exit(), run.out());
    return run.out().lines().toList();
  }

  private static String sha256(byte[] bytes) throws IOException {
    return ByteString.of(bytes).sha256().hex();
  }
}
