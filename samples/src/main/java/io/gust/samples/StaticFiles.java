package io.gust.samples;

import io.gust.server.Handler;
import io.gust.server.Request;
import io.gust.server.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Serves the files under one directory, for {@code serve --dir}. A synchronous {@link Handler}
 * that looks files up on the loop, as nginx does: on a local disk the few metadata calls per
 * request take microseconds, less than a trip to another thread and back; the file is then sent
 * with {@link Response#file} (sendfile over plain HTTP, read on the executor over HTTPS). A
 * directory on slow or network storage should be served through {@code Handlers.offload}.
 *
 * <p>The request path is percent-decoded and resolved under the root; a {@code ..} segment, a
 * backslash or NUL, or a path (or symbolic link) that lands outside the root is refused with 403.
 * A path with no symbolic link below the root needs no resolving; any other is resolved whole. A missing file is 404; a directory serves its {@code index.html}, or 404 without one. The
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
    if (!file.equals(root) && isPlainFileUnderRoot(file)) {
      return Response.file(file, contentType(file), executor); // no link to resolve on its way
    }
    BasicFileAttributes attributes = attributes(file);
    if (attributes != null && attributes.isDirectory()) {
      file = file.resolve("index.html");
      attributes = attributes(file);
    }
    if (attributes == null || !attributes.isRegularFile()) {
      return Response.of(404, "not found\n");
    }
    if (!file.toRealPath().startsWith(root)) {
      return forbidden();
    }
    return Response.file(file, contentType(file), executor);
  }

  /**
   * True for a regular file when neither it nor a directory between it and the root is a
   * symbolic link, so that it cannot lead out of the root: one lstat per level, fewer system
   * calls than resolving the whole path.
   */
  private boolean isPlainFileUnderRoot(Path file) {
    try {
      for (Path at = file; !at.equals(root); at = at.getParent()) {
        BasicFileAttributes level =
            Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (level.isSymbolicLink() || (at == file ? !level.isRegularFile() : !level.isDirectory())) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The file's attributes, following links; null when there is no such file. */
  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
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
    int start = 0;
    while (start < decoded.length() && decoded.charAt(start) == '/') {
      start++;
    }
    return decoded.substring(start);
  }

  static String contentType(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
