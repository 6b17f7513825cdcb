package io.gust.samples;

import io.gust.client.FetchTimeoutException;
import io.gust.client.HttpClientException;
import io.gust.client.HttpConnectException;
import io.gust.client.HttpProtocolException;
import io.gust.client.LocalBindException;
import io.gust.client.Phase;
import io.gust.client.ProxyException;
import io.gust.net.TlsHandshakeException;

/**
 * A failed {@code fetch}: curl's exit code for it and a message in curl's words, followed by
 * what Gust said. The numbers are curl's (see its man page, "EXIT CODES").
 */
record CurlError(int exitCode, String message) {
  static final int UNSUPPORTED_PROTOCOL = 1;
  static final int USAGE = 2;
  static final int MALFORMED_URL = 3;
  static final int COULD_NOT_RESOLVE_PROXY = 5;
  static final int COULD_NOT_RESOLVE = 6;
  static final int COULD_NOT_CONNECT = 7;
  static final int WEIRD_REPLY = 8;
  static final int PARTIAL_FILE = 18;
  static final int HTTP_RETURNED_ERROR = 22;
  static final int WRITE_ERROR = 23;
  static final int READ_ERROR = 26;
  static final int TIMEOUT = 28;
  static final int SSL_CONNECT = 35;
  static final int INTERFACE_FAILED = 45;
  static final int TOO_MANY_REDIRECTS = 47;
  static final int EMPTY_REPLY = 52;
  static final int RECEIVE_ERROR = 56;
  static final int CLIENT_CERT_PROBLEM = 58;
  static final int PEER_FAILED_VERIFICATION = 60;
  static final int BAD_CONTENT_ENCODING = 61;
  static final int CA_CERT_BAD_FILE = 77;
  static final int PROXY = 97;

  /** Maps what the client reported to curl's exit code; {@code elapsedMillis} for timeouts. */
  static CurlError of(Throwable error, long elapsedMillis) {
    String detail = error.getMessage() == null ? error.toString() : error.getMessage();
    if (error instanceof FetchTimeoutException) {
      return new CurlError(TIMEOUT,
          "Operation timed out after " + elapsedMillis + " milliseconds (" + detail + ")");
    }
    if (error instanceof ProxyException) {
      return FetchProxies.failure((ProxyException) error, detail);
    }
    if (error instanceof HttpClientException && ((HttpClientException) error).phase() == Phase.TLS) {
      return tlsFailure(error, detail);
    }
    if (error instanceof LocalBindException) {
      return new CurlError(INTERFACE_FAILED,
          "Failed binding local connection end (" + detail + ")");
    }
    if (error instanceof HttpConnectException) {
      return connectFailure((HttpConnectException) error, detail);
    }
    if (error instanceof HttpProtocolException) {
      return protocolFailure((HttpProtocolException) error, detail);
    }
    return receiveError(detail);
  }

  private static CurlError connectFailure(HttpConnectException error, String detail) {
    switch (error.phase()) {
      case DNS:
        return new CurlError(COULD_NOT_RESOLVE, "Could not resolve host (" + detail + ")");
      case CONNECT:
        return new CurlError(COULD_NOT_CONNECT, "Failed to connect (" + detail + ")");
      default:
        return tlsFailure(error, detail);
    }
  }

  /** A failed handshake: 60 when the server's certificate was refused, else 35, as curl says. */
  private static CurlError tlsFailure(Throwable error, String detail) {
    boolean certificate = error.getCause() instanceof TlsHandshakeException
        && ((TlsHandshakeException) error.getCause()).failure().isCertificateProblem();
    return certificate
        ? new CurlError(PEER_FAILED_VERIFICATION, "SSL certificate problem (" + detail + ")")
        : new CurlError(SSL_CONNECT, "SSL connect error (" + detail + ")");
  }

  /**
   * A reply that breaks HTTP, by what broke: no reply at all is curl's empty reply (52), a bad
   * status line unsupported (1), a body cut short a partial file (18), a bad compressed body a
   * bad content encoding (61), a head cut short a receive failure (56); any other bad head is
   * weird (8), anything else in the body a receive failure.
   */
  private static CurlError protocolFailure(HttpProtocolException error, String detail) {
    switch (error.kind()) {
      case EMPTY_RESPONSE:
        return new CurlError(EMPTY_REPLY, "Empty reply from server");
      case BAD_STATUS_LINE:
        return new CurlError(UNSUPPORTED_PROTOCOL,
            "Unsupported response in status line (" + detail + ")");
      case TRUNCATED_BODY:
        return new CurlError(PARTIAL_FILE,
            "transfer closed with outstanding read data remaining (" + detail + ")");
      case BAD_CONTENT_ENCODING:
        return new CurlError(BAD_CONTENT_ENCODING,
            "Error while processing content unencoding (" + detail + ")");
      case TRUNCATED_HEAD:
        return receiveError(detail);
      default:
        return error.phase() == Phase.HEADERS
            ? new CurlError(WEIRD_REPLY, "Weird server reply (" + detail + ")")
            : receiveError(detail);
    }
  }

  private static CurlError receiveError(String detail) {
    return new CurlError(RECEIVE_ERROR,
        "Failure when receiving data from the peer (" + detail + ")");
  }
}
