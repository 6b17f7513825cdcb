package io.gust.server;

import io.gust.client.HttpProtocolException;
import io.gust.client.Protocol;
import io.gust.http.BodyDecoder;
import io.gust.http.BodyFraming;
import io.gust.http.RequestHead;
import io.gust.http.RequestHeadParser;
import io.gust.loop.EventLoop;
import io.gust.net.ChannelStream;
import okio.Buffer;
import okio.ByteString;

/**
 * The HTTP/1.1 request a {@link ServerConnection} is reading: its head, the route it matched, its
 * body as it arrives, and whether the connection may be kept alive after it. It knows nothing of
 * the connection's state or timers: the connection says when to parse, start, read and take.
 * Loop-confined.
 */
final class RequestIntake {
  private final ServerContext context;
  private final RequestHeadParser parser;
  /** The head of the request under way; null between requests. */
  private RequestHead head;
  private Router.Match match;
  private BodyDecoder decoder;
  /** The body read so far; null for a request without one. */
  private Buffer body;
  private boolean keepAlive;
  /** The request was answered without reading its body, which may still be arriving. */
  private boolean bodyUnread;

  RequestIntake(ServerContext context) {
    this.context = context;
    this.parser = new RequestHeadParser(context.limits);
  }

  /** The next request head in {@code in}, or null when more bytes are needed. */
  RequestHead parseHead(Buffer in) throws HttpProtocolException {
    return parser.parse(in);
  }

  /**
   * Routes {@code parsed} and judges its framing; true when its body must be read before it is
   * handled, false when it is ready (no body, or refused (404, 405) before reading a body nobody
   * wants, which forces a close).
   */
  boolean start(RequestHead parsed) throws HttpProtocolException {
    head = parsed;
    BodyFraming framing = BodyFraming.forRequest(parsed);
    keepAlive = framing.isKeepAlive() && !context.draining;
    match = context.router.find(parsed.method(), Request.pathOf(parsed.target()));
    if (framing.kind() == BodyFraming.Kind.NONE) {
      body = null;
      return false;
    }
    if (match.refusal != null) {
      keepAlive = false;
      bodyUnread = true;
      return false;
    }
    decoder = framing.newDecoder(context.limits);
    body = new Buffer();
    return true;
  }

  /** Whether the client waits for 100 Continue before it sends the body. */
  boolean expectsContinue() {
    return head.protocol() == Protocol.HTTP_1_1
        && "100-continue".equalsIgnoreCase(head.headers().get("Expect"));
  }

  /** Reads body bytes from {@code in}; true once the whole body arrived. */
  boolean readBody(Buffer in) throws HttpProtocolException {
    return decoder.decode(in, body);
  }

  /** The request to hand to its handler, with the body read; the body buffer is released. */
  Request take(ChannelStream stream, EventLoop loop) {
    ByteString bytes = body == null ? ByteString.EMPTY : body.readByteString();
    Request request = new Request(head.method(), head.target(), head.protocol(), head.headers(),
        bytes, match.groups, stream.remoteAddress(), loop, stream.tlsInfo());
    body = null;
    decoder = null;
    return request;
  }

  Router.Match match() {
    return match;
  }

  boolean isKeepAlive() {
    return keepAlive;
  }

  /** Whether a request was answered without reading its body. */
  boolean isBodyUnread() {
    return bodyUnread;
  }

  /** Whether a request head was parsed and its exchange has not finished. */
  boolean hasRequest() {
    return head != null;
  }

  /** The protocol of the request under way, HTTP/1.1 when no head was parsed. */
  Protocol protocol() {
    return head == null ? Protocol.HTTP_1_1 : head.protocol();
  }

  /** The exchange finished (or the connection was taken over): the next request starts afresh. */
  void clear() {
    head = null;
    match = null;
  }
}
