package io.gust.websocket;

import io.gust.http.HttpChars;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code Sec-WebSocket-Extensions} values (RFC 6455 §9.1): a list of extensions, each a
 * token followed by {@code ;}-separated parameters, each a token with an optional value (a token
 * or a quoted string whose unescaped text must itself be a token).
 */
final class ExtensionHeader {
  static final String NAME = "Sec-WebSocket-Extensions";

  /** One extension in the order it was listed. */
  record Extension(String name, List<Param> params) {}

  /** One parameter; {@code value} is null when the parameter had none. */
  record Param(String name, String value) {}

  private ExtensionHeader() {}

  /** Parses every value of the header, in order, into one list. */
  static List<Extension> parse(List<String> values) throws WebSocketHandshakeException {
    return elements(NAME, values, ExtensionHeader::extension);
  }

  private static Extension extension(HeaderScanner scanner) throws WebSocketHandshakeException {
    String name = scanner.token();
    List<Param> params = new ArrayList<>();
    while (scanner.consume(';')) {
      String param = scanner.token();
      String value = null;
      if (scanner.consume('=')) {
        value = scanner.tokenOrQuoted();
        if (!HttpChars.isToken(value)) {
          throw scanner.malformed();
        }
      }
      params.add(new Param(param, value));
    }
    return new Extension(name, params);
  }

  /** Parses a comma-separated list of tokens from every value of {@code header}. */
  static List<String> tokens(String header, List<String> values) throws WebSocketHandshakeException {
    return elements(header, values, HeaderScanner::token);
  }

  /** Reads one list element. */
  @FunctionalInterface
  private interface ElementReader<T> {
    T read(HeaderScanner scanner) throws WebSocketHandshakeException;
  }

  private static <T> List<T> elements(String header, List<String> values, ElementReader<T> reader)
      throws WebSocketHandshakeException {
    List<T> elements = new ArrayList<>();
    for (String value : values) {
      HeaderScanner scanner = new HeaderScanner(header, value);
      if (!scanner.firstElement()) {
        continue;
      }
      do {
        elements.add(reader.read(scanner));
      } while (scanner.nextElement());
    }
    return elements;
  }
}
