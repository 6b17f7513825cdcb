package io.gust.server;

import io.gust.client.Headers;
import io.gust.client.Protocol;
import io.gust.http.Http1Writer;
import okio.Buffer;
import okio.ByteString;

/**
 * Writes a response head: the status line, the handler's fields, then those the server owns
 * ({@code Date}, {@code Server}, the framing, {@code Connection}). The usual head, whose handler
 * set none of the owned fields, is written straight into the buffer from prepared bytes; one
 * that did is rebuilt with the server's values in their place. Stateless.
 */
final class ResponseHeads {
  private static final String[] OWNED =
      {"Content-Length", "Transfer-Encoding", "Connection", "Date", "Server"};
  private static final ByteString CONTENT_LENGTH = ByteString.encodeUtf8("Content-Length: ");
  private static final ByteString CHUNKED = ByteString.encodeUtf8("Transfer-Encoding: chunked\r\n");
  private static final ByteString CLOSE = ByteString.encodeUtf8("Connection: close\r\n");
  private static final ByteString KEEP_ALIVE = ByteString.encodeUtf8("Connection: keep-alive\r\n");

  private ResponseHeads() {}

  /** The {@code Server} field line for {@code serverName}; throws when it is not a valid value. */
  static ByteString serverField(String serverName) {
    Buffer line = new Buffer();
    Http1Writer.writeFields(line, Headers.of("Server", serverName));
    return line.readByteString();
  }

  /**
   * Writes the head of {@code response} with a body of {@code length} bytes (-1: chunked for
   * HTTP/1.1, else until close), saying {@code Connection: close} when {@code close}.
   */
  static void write(Buffer out, Response response, long length, boolean close,
      Protocol protocol, ServerContext context) {
    Headers fields = response.headers();
    Http1Writer.writeStatusLine(out, Protocol.HTTP_1_1, response.code(), null);
    if (ownsNone(fields)) {
      Http1Writer.writeFields(out, fields);
      out.write(HttpDate.field());
      out.write(context.serverField);
    } else {
      Http1Writer.writeFields(out, fields.newBuilder().remove("Content-Length")
          .remove("Transfer-Encoding").remove("Connection").set("Date", HttpDate.now())
          .set("Server", context.serverName).build());
    }
    if (!Response.allowsBody(response.code())) {
      // No body and no length field for these (RFC 9110 §8.6).
    } else if (length >= 0) {
      out.write(CONTENT_LENGTH).writeDecimalLong(length).writeByte('\r').writeByte('\n');
    } else if (protocol == Protocol.HTTP_1_1) {
      out.write(CHUNKED);
    }
    if (close) {
      out.write(CLOSE);
    } else if (protocol == Protocol.HTTP_1_0) {
      out.write(KEEP_ALIVE);
    }
    out.writeByte('\r').writeByte('\n');
  }

  private static boolean ownsNone(Headers fields) {
    for (int i = 0; i < fields.size(); i++) {
      for (String owned : OWNED) {
        if (owned.equalsIgnoreCase(fields.name(i))) {
          return false;
        }
      }
    }
    return true;
  }
}
