package io.gust.resolver;

import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One question (a name and a record type) put to the name servers until one answers it: UDP
 * first, TCP when the answer is truncated, the next server when one times out or fails, for the
 * configured number of rounds. Each attempt uses a new random query id and a new socket.
 *
 * <p>Loop-confined. States: IDLE → ASKING → DONE; {@link #cancel()} also leads to DONE. Every
 * way out goes through {@link #finish}, which cancels the timer, closes the socket and reports
 * at most once. UDP datagrams that do not answer the question (another id, another name, or
 * unparseable) are ignored, so a stray or forged packet cannot end the exchange; an answer to the
 * question that is malformed fails the attempt like SERVFAIL does.
 */
final class DnsExchange implements DnsSocket.Receiver {
  private static final Logger log = LoggerFactory.getLogger(DnsExchange.class);
  private static final SecureRandom SEEDS = new SecureRandom();
  /** Query ids; one generator per loop thread, each seeded from {@link SecureRandom}. */
  private static final ThreadLocal<SplittableRandom> IDS =
      ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));

  /** Hears the end of an exchange, on the loop thread. */
  interface Listener {
    /** The server answered NOERROR or NXDOMAIN; {@code answer} is empty for NXDOMAIN. */
    void onAnswer(DnsExchange exchange, int rcode, DnsResponse.Answer answer);

    void onFailure(DnsExchange exchange, UnknownHostException failure);
  }

  private enum State { IDLE, ASKING, DONE }

  private final EventLoop loop;
  private final DnsConfig config;
  /** The name the caller asked for, the only one errors mention. */
  private final String host;
  final String name;
  final int type;
  private final Listener listener;

  private State state = State.IDLE;
  private int attemptsMade;
  private int queryId;
  private byte[] query;
  private InetSocketAddress server;
  private DnsSocket socket;
  private Cancellable timer;
  /** The response code of the last server that gave up on the question, or -1. */
  private int lastFailureRcode = -1;
  /** What was wrong with the last malformed packet, or null. */
  private String malformed;
  private IOException lastSocketFailure;

  DnsExchange(EventLoop loop, DnsConfig config, String host, String name, int type,
      Listener listener) {
    this.loop = loop;
    this.config = config;
    this.host = host;
    this.name = name;
    this.type = type;
    this.listener = listener;
  }

  void start() {
    if (state == State.IDLE) {
      state = State.ASKING;
      nextAttempt();
    }
  }

  /** Abandons the exchange without reporting; closes its socket. */
  void cancel() {
    finish(null, null, null);
  }

  private void nextAttempt() {
    closeSocketAndTimer();
    int total = config.attempts * config.nameservers.size();
    while (state == State.ASKING && attemptsMade < total) {
      server = config.nameservers.get(attemptsMade % config.nameservers.size());
      attemptsMade++;
      queryId = IDS.get().nextInt(0x10000);
      query = DnsQuery.encode(queryId, name, type);
      try {
        socket = DnsUdpSocket.open(loop, server, query, this);
        armTimer();
        return;
      } catch (IOException e) {
        log.debug("cannot query {} for {}: {}", server, name, e.toString());
        lastSocketFailure = e;
      }
    }
    finish(null, null, exhausted());
  }

  private UnknownHostException exhausted() {
    UnknownHostException failure;
    if (lastFailureRcode >= 0) {
      failure = new DnsServerFailureException(host, lastFailureRcode);
    } else if (malformed != null) {
      failure = new MalformedDnsResponseException(host, malformed);
    } else {
      failure = new DnsTimeoutException(host, attemptsMade);
    }
    if (lastSocketFailure != null) {
      failure.addSuppressed(lastSocketFailure);
    }
    return failure;
  }

  private void armTimer() {
    timer = loop.schedule(Duration.ofNanos(config.attemptTimeoutNanos), this::onTimeout);
  }

  private void onTimeout() {
    timer = null;
    if (state == State.ASKING) {
      log.debug("{} {} timed out at {}", name, type, server);
      nextAttempt();
    }
  }

  @Override
  public void onMessage(DnsSocket from, byte[] message, int length) {
    if (from != socket || state != State.ASKING) {
      return;
    }
    boolean udp = from instanceof DnsUdpSocket;
    DnsResponse response;
    try {
      response = DnsResponseParser.parse(message, length);
    } catch (DnsFormatException e) {
      malformed = e.getMessage();
      if (!udp) {
        nextAttempt();
      }
      return;
    }
    if (!response.answers(queryId, name, type)) {
      if (!udp) {
        malformed = "the answer does not match the question";
        nextAttempt();
      }
      return;
    }
    onAnswer(response, udp);
  }

  private void onAnswer(DnsResponse response, boolean udp) {
    if (response.isTruncated() && udp) {
      switchToTcp();
      return;
    }
    int rcode = response.rcode();
    if (rcode != DnsResponse.RCODE_NOERROR && rcode != DnsResponse.RCODE_NXDOMAIN) {
      lastFailureRcode = rcode;
      nextAttempt();
      return;
    }
    if (response.problem != null) {
      malformed = response.problem;
      nextAttempt();
      return;
    }
    try {
      finish(rcode, response.answer(type), null);
    } catch (DnsFormatException e) {
      malformed = e.getMessage();
      nextAttempt();
    }
  }

  private void switchToTcp() {
    closeSocketAndTimer();
    try {
      socket = DnsTcpSocket.open(loop, server, query, this);
      armTimer();
    } catch (IOException e) {
      lastSocketFailure = e;
      nextAttempt();
    }
  }

  @Override
  public void onSocketFailure(DnsSocket from, IOException cause) {
    if (from != socket || state != State.ASKING) {
      return;
    }
    lastSocketFailure = cause;
    if (loop.isClosed()) {
      finish(null, null, new ResolverRejectedException(host, "the loop " + loop.name() + " closed"));
    } else {
      nextAttempt();
    }
  }

  private void finish(Integer rcode, DnsResponse.Answer answer, UnknownHostException failure) {
    if (state == State.DONE) {
      return;
    }
    state = State.DONE;
    closeSocketAndTimer();
    if (failure != null) {
      listener.onFailure(this, failure);
    } else if (rcode != null) {
      listener.onAnswer(this, rcode, answer);
    }
  }

  private void closeSocketAndTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    if (socket != null) {
      socket.close();
      socket = null;
    }
  }
}
