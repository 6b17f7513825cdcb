package io.gust.client;

/**
 * The connection could not be bound to the client's {@link SourceAddress}: the address is not
 * one of this host's, every port of the range is in use, or the destination has no address of
 * the source's family (curl's exit 45). The socket error, when there is one, is the cause.
 */
public final class LocalBindException extends HttpConnectException {
  LocalBindException(String message, HttpRequest request, Throwable cause) {
    super(message, request, Phase.CONNECT, cause);
  }
}
