package io.gust.samples;

import io.gust.http.HttpClientException;
import io.gust.http.HttpConnectException;
import io.gust.http.HttpProtocolException;
import io.gust.http.HttpTimeoutException;
import io.gust.http.Phase;
import io.gust.http.TruncatedBodyException;
import io.gust.net.TlsHandshakeException;
import java.io.EOFException;

/**
 * A failed {@code fetch}: curl's exit code for it and a message in curl's words, followed by
 * what Gust said. The numbers are curl's (see its man page, "EXIT CODES").
 */
record CurlError(int exitCode, String message) {
  static final int UNSUPPORTED_PROTOCOL = 1;
  static final int USAGE = 2;
  static final int MALFORMED_URL = 3;
  static final int COULD_NOT_RESOLVE = 6;
  static final int COULD_NOT_CONNECT = 7;
  static final int WEIRD_REPLY = 8;
  static final int PARTIAL_FILE = 18;
  static final int WRITE_ERROR = 23;
  static final int TIMEOUT = 28;
  static final int SSL_CONNECT = 35;
  static final int TOO_MANY_REDIRECTS = 47;
  static final int EMPTY_REPLY = 52;
  static final int RECEIVE_ERROR = 56;
  static final int PEER_FAILED_VERIFICATION = 60;
  static final int BAD_CONTENT_ENCODING = 61;
  static final int CA_CERT_BAD_FILE = 77;

  /** Maps what the client reported to curl's exit code; {@code elapsedMillis} for timeouts. */
  static CurlError of(Throwable error, long elapsedMillis) {
    String detail = error.getMessage() == null ? error.toString() : error.getMessage();
    if (error instanceof HttpTimeoutException) {
      return new CurlError(TIMEOUT,
          "Operation timed out after " + elapsedMillis + " milliseconds (" + detail + ")");
    }
    if (error instanceof HttpClientException && ((HttpClientException) error).phase() == Phase.TLS) {
      return tlsFailure(error, detail);
    }
    if (error instanceof HttpConnectException) {
      return connectFailure((HttpConnectException) error, detail);
    }
    if (error instanceof TruncatedBodyException) {
      return new CurlError(PARTIAL_FILE,
          "transfer closed with outstanding read data remaining (" + detail + ")");
    }
    if (error instanceof HttpProtocolException) {
      return protocolFailure((HttpProtocolException) error, detail);
    }
    if (error instanceof HttpClientException && error.getCause() instanceof EOFException
        && ((HttpClientException) error).phase() == Phase.HEADERS
        && "connection closed before the response".equals(error.getCause().getMessage())) {
      return new CurlError(EMPTY_REPLY, "Empty reply from server");
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
   * A reply that breaks HTTP: a bad status line curl calls unsupported (1), any other bad head
   * weird (8); a bad compressed body a bad content encoding (61); anything else in the body a
   * receive failure (56). Gust has no typed errors for these, so the part is recognised by the
   * words of the message.
   */
  private static CurlError protocolFailure(HttpProtocolException error, String detail) {
    if (detail.contains("status line") || detail.contains("status code")) {
      return new CurlError(UNSUPPORTED_PROTOCOL,
          "Unsupported response in status line (" + detail + ")");
    }
    if (error.phase() == Phase.HEADERS) {
      return new CurlError(WEIRD_REPLY, "Weird server reply (" + detail + ")");
    }
    if (detail.contains("gzip") || detail.contains("deflate")) {
      return new CurlError(BAD_CONTENT_ENCODING,
          "Error while processing content unencoding (" + detail + ")");
    }
    return receiveError(detail);
  }

  private static CurlError receiveError(String detail) {
    return new CurlError(RECEIVE_ERROR,
        "Failure when receiving data from the peer (" + detail + ")");
  }
}
