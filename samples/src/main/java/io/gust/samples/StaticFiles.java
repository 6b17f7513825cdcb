package io.gust.samples;

import io.gust.server.Handler;
import io.gust.server.Request;
import io.gust.server.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Serves the files under one directory, for {@code serve --dir}. A blocking {@link Handler}: it
 * touches the file system, so install it through {@code Handlers.offload}, never on the loop; the
 * file itself is read on the same executor by {@link Response#file}.
 *
 * <p>The request path is percent-decoded and resolved under the root; a {@code ..} segment, a
 * backslash or NUL, or a path (or symbolic link) that lands outside the root is refused with 403.
 * A missing file is 404; a directory serves its {@code index.html}, or 404 without one. The
 * content type comes from the file name's extension.
 */
final class StaticFiles implements Handler {
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
      Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
      Map.entry("xml", "application/xml"), Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
      Map.entry("ico", "image/x-icon"), Map.entry("webp", "image/webp"),
      Map.entry("pdf", "application/pdf"), Map.entry("wasm", "application/wasm"),
      Map.entry("gz", "application/gzip"), Map.entry("zip", "application/zip"));

  private final Path root;
  private final Executor executor;

  /** Serves {@code root}, which must be a directory, reading files on {@code executor}. */
  StaticFiles(Path root, Executor executor) throws IOException {
    this.root = root.toRealPath();
    this.executor = executor;
    if (!Files.isDirectory(this.root)) {
      throw new IOException("not a directory: " + root);
    }
  }

  @Override
  public Response handle(Request request) throws IOException {
    String relative = decode(request.path());
    if (relative == null) {
      return forbidden();
    }
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root)) {
      return forbidden();
    }
    if (Files.isDirectory(file)) {
      file = file.resolve("index.html");
    }
    if (!Files.isRegularFile(file)) {
      return Response.of(404, "not found\n");
    }
    if (!file.toRealPath().startsWith(root)) {
      return forbidden();
    }
    return Response.file(file, contentType(file), executor);
  }

  private static Response forbidden() {
    return Response.of(403, "forbidden\n");
  }

  /** The path without leading slashes, percent-decoded; null when it tries to leave the root. */
  static String decode(String path) {
    String decoded;
    try {
      decoded = new URI("http://h" + path).getPath();
    } catch (URISyntaxException e) {
      return null;
    }
    if (decoded == null || decoded.indexOf('\\') >= 0 || decoded.indexOf('\0') >= 0) {
      return null;
    }
    for (String segment : decoded.split("/")) {
      if (segment.equals("..")) {
        return null;
      }
    }
    return decoded.replaceFirst("^/+", "");
  }

  static String contentType(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
