package io.gust.websocket;

import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The words a failing {@link WebSocketEndpoint} uses: the message of the error the application
 * hears, and the reason sent in the close frame, which never carries the application's own
 * exception messages. Stateless.
 */
final class FailureReasons {
  private FailureReasons() {}

  /**
   * The message of the error the application hears when {@code error} (the codec's, a timer's or
   * a callback's) ends the endpoint with {@code code}; {@code server} says whose peer broke it.
   */
  static String message(Throwable error, int code, boolean server) {
    String peer = server ? "the client" : "the server";
    if (error instanceof WebSocketProtocolException) {
      return (code == CloseCodes.MESSAGE_TOO_BIG ? peer + " sent too much: "
          : peer + " broke the WebSocket protocol: ") + error.getMessage();
    } else if (error instanceof TimeoutException) {
      return "WebSocket " + error.getMessage();
    }
    return "a WebSocket callback threw " + error;
  }

  /**
   * The reason sent with a failure's close: the codec's or a timer's own words, short and ASCII;
   * never a callback exception's message, which is the application's business.
   */
  static String closeReason(Throwable error) {
    if (!(error instanceof WebSocketProtocolException || error instanceof TimeoutException)) {
      return "internal error";
    }
    String message = Objects.toString(error.getMessage(), "");
    return message.length() <= 100 && message.chars().allMatch(c -> c < 0x80) ? message : "";
  }
}
