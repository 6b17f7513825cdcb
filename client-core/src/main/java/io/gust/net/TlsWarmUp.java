package io.gust.net;

import io.gust.client.TlsOptions;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces one throwaway ClientHello on a background thread when the JVM's first {@link
 * TlsOptions} are built, so that the JDK's TLS classes and key exchange are initialised there
 * rather than on a loop thread by the first handshake (where the watchdog would report a blocked
 * loop). Nothing is sent anywhere; a failure is logged at DEBUG and changes nothing.
 */
public final class TlsWarmUp implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(TlsWarmUp.class);
  private static final AtomicBoolean started = new AtomicBoolean();
  /** Completes with whether the warm-up produced its ClientHello; for tests. */
  static final CompletableFuture<Boolean> finished = new CompletableFuture<>();

  private TlsWarmUp() {}

  /** Starts the warm-up unless an earlier client did; returns at once. */
  public static void startOnce() {
    if (started.compareAndSet(false, true)) {
      Thread thread = new Thread(new TlsWarmUp(), "gust-tls-warmup");
      thread.setDaemon(true);
      thread.start();
    }
  }

  @Override
  public void run() {
    try {
      SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 443);
      engine.setUseClientMode(true);
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.setServerNames(List.of(new SNIHostName("localhost")));
      parameters.setApplicationProtocols(new String[] {"http/1.1"});
      engine.setSSLParameters(parameters);
      engine.beginHandshake();
      engine.wrap(ByteBuffer.allocate(0),
          ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
      engine.closeOutbound();
      finished.complete(true);
    } catch (GeneralSecurityException | SSLException | RuntimeException e) {
      log.debug("TLS warm-up failed: {}", e.toString());
      finished.complete(false);
    }
  }
}
