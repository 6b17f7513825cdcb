package io.gust.samples;

import io.gust.client.MultipartBody;
import io.gust.client.RequestBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The multipart body of curl's -F options: {@code name=value} is a text field, {@code
 * name=<file} a text field holding the file's content, {@code name=@file} a file part, each
 * followed by {@code ;type=MIME} and, for files, {@code ;filename=NAME}. A file part's type is
 * guessed from its extension as curl guesses it, else {@code application/octet-stream}. Reads
 * files: main thread only.
 */
final class CurlForm {
  /** curl's guesses by file extension. */
  private static final Map<String, String> TYPES = Map.of("gif", "image/gif", "jpg",
      "image/jpeg", "jpeg", "image/jpeg", "png", "image/png", "svg", "image/svg+xml", "txt",
      "text/plain", "htm", "text/html", "html", "text/html", "pdf", "application/pdf", "xml",
      "application/xml");

  private CurlForm() {}

  /** A file named by -F that cannot be read: curl's exit 26. */
  static final class ReadException extends Exception {
    ReadException(String message) {
      super(message);
    }
  }

  /** Returns the body of {@code arguments}, each {@code name=content}. */
  static RequestBody body(List<String> arguments) throws ReadException {
    MultipartBody.Builder form = MultipartBody.builder();
    for (String argument : arguments) {
      int equals = argument.indexOf('=');
      String name = argument.substring(0, equals);
      String[] pieces = argument.substring(equals + 1).split(";");
      String content = pieces[0];
      String type = null;
      String filename = null;
      for (int i = 1; i < pieces.length; i++) {
        String piece = pieces[i].trim();
        if (piece.startsWith("type=")) {
          type = piece.substring(5);
        } else if (piece.startsWith("filename=")) {
          filename = piece.substring(9);
        }
      }
      if (content.startsWith("@")) {
        Path file = readable(content.substring(1));
        String shown = filename != null ? filename : file.getFileName().toString();
        form.part(name, shown, RequestBody.ofFile(file, type != null ? type : guess(shown)));
      } else if (content.startsWith("<")) {
        byte[] bytes = read(readable(content.substring(1)));
        form.part(name, null, RequestBody.of(okio.ByteString.of(bytes), type));
      } else {
        form.part(name, null, RequestBody.of(okio.ByteString.encodeUtf8(content), type));
      }
    }
    return form.build();
  }

  private static Path readable(String name) throws ReadException {
    Path file = Path.of(name);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ReadException("Failed to open/read local data from file/application");
    }
    return file;
  }

  private static byte[] read(Path file) throws ReadException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ReadException("Failed to open/read local data from file/application");
    }
  }

  private static String guess(String filename) {
    int dot = filename.lastIndexOf('.');
    String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
