package io.gust.client;

import io.gust.http.CodecLimits;
import io.gust.loop.EventLoop;
import java.util.concurrent.Executor;
import okio.Buffer;

/**
 * What every fetch, exchange and connection of one partition shares: its loop, the client's
 * settings, the partition itself (its pool and queue), and the buffer request heads are
 * serialized into. One per partition, handed down
 * from the partition to each fetch and from the fetch to its exchanges, so no class reaches its
 * settings through another's fields. The settings are immutable; the buffer is loop-confined.
 */
final class ClientContext {
  final EventLoop loop;
  final ClientConfig config;
  /** The partition: its pool of connections and its queue of fetches waiting for one. */
  final LoopClient partition;
  /**
   * Where request heads are serialized: every write hands its bytes (segments) to the stream's
   * queue at once, so one buffer serves every request of the loop.
   */
  final Buffer heads = new Buffer();
  /** Lets event listeners add fields to the head in {@link #heads} as it is written. */
  final HeadFieldWriter headFields = new HeadFieldWriter(heads);

  ClientContext(EventLoop loop, ClientConfig config, LoopClient partition) {
    this.loop = loop;
    this.config = config;
    this.partition = partition;
  }

  /** Where callbacks run; null for the loop thread. */
  Executor callbackExecutor() {
    return config.callbackExecutor;
  }

  /** Where files are read and written, off the loop. */
  Executor fileExecutor() {
    return config.fileExecutor;
  }

  CodecLimits limits() {
    return config.limits;
  }

  TlsOptions tls() {
    return config.tls;
  }

  /** TLS with an HTTPS proxy. */
  TlsOptions proxyTls() {
    return config.proxyTls;
  }

  /** The TLS options of a connection to {@code origin}: ALPN offers the versions it allows. */
  TlsOptions tls(Origin origin) {
    return origin.versions == config.versions ? config.tls : origin.versions.narrow(config.tls);
  }
}
