package io.gust.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Writes every event of the calls it hears as one line, for tests that assert the sequence. */
final class RecordingListener implements EventListener {
  private final List<String> events;

  RecordingListener(List<String> events) {
    this.events = events;
  }

  /** A factory whose listeners all record into {@code events}. */
  static EventListener.Factory into(List<String> events) {
    return request -> new RecordingListener(events);
  }

  /** A synchronized list to record into. */
  static List<String> newLog() {
    return java.util.Collections.synchronizedList(new ArrayList<>());
  }

  private void add(String event) {
    events.add(event);
  }

  private static String at(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  @Override public void callStart(HttpRequest request) {
    add("callStart " + request.method() + " " + request.uri().getPath());
  }

  @Override public void attemptStart(int attempt, HttpRequest request, AttemptReason reason) {
    add("attemptStart " + attempt + " " + reason + " " + request.uri().getPath());
  }

  @Override public void queued(int attempt) {
    add("queued " + attempt);
  }

  @Override public void dequeued(int attempt) {
    add("dequeued " + attempt);
  }

  @Override public void connectionAcquired(int attempt, boolean reused) {
    add("connectionAcquired " + attempt + (reused ? " reused" : " new"));
  }

  @Override public void dnsStart(int attempt, String host) {
    add("dnsStart " + attempt + " " + host);
  }

  @Override public void dnsEnd(int attempt, String host, List<InetSocketAddress> addresses) {
    add("dnsEnd " + attempt + " " + host + (addresses.isEmpty() ? " none" : ""));
  }

  @Override public void connectStart(int attempt, InetSocketAddress address) {
    add("connectStart " + attempt + " " + at(address));
  }

  @Override public void connectEnd(int attempt, InetSocketAddress address) {
    add("connectEnd " + attempt + " " + at(address));
  }

  @Override public void connectFailed(int attempt, InetSocketAddress address, IOException cause) {
    add("connectFailed " + attempt + " " + at(address));
  }

  @Override public void tlsStart(int attempt, String host) {
    add("tlsStart " + attempt + " " + host);
  }

  @Override public void tlsEnd(int attempt, String host) {
    add("tlsEnd " + attempt + " " + host);
  }

  @Override public void requestHeadStart(int attempt, HttpRequest request, HeadFields fields) {
    add("requestHeadStart " + attempt);
  }

  @Override public void requestHeadSent(int attempt) {
    add("requestHeadSent " + attempt);
  }

  @Override public void requestBodySent(int attempt, long byteCount) {
    add("requestBodySent " + attempt + " " + byteCount);
  }

  @Override public void responseHeadReceived(int attempt, int code) {
    add("responseHeadReceived " + attempt + " " + code);
  }

  @Override public void responseBodyReceived(int attempt, long byteCount) {
    add("responseBodyReceived " + attempt + " " + byteCount);
  }

  @Override public void connectionReleased(int attempt, boolean keptAlive) {
    add("connectionReleased " + attempt + (keptAlive ? " kept" : " closed"));
  }

  @Override public void attemptEnd(int attempt, HttpResponse response) {
    add("attemptEnd " + attempt + " " + response.code());
  }

  @Override public void attemptFailed(int attempt, HttpClientException error) {
    add("attemptFailed " + attempt + " " + error.getClass().getSimpleName() + " "
        + error.phase());
  }

  @Override public void cancelled(int attempt, CancelEffect effect, long discardedBytes) {
    add("cancelled " + attempt + " " + effect + " " + (discardedBytes > 0 ? ">0" : "0"));
  }

  @Override public void callEnd(HttpResponse response) {
    add("callEnd " + response.code());
  }

  @Override public void callFailed(HttpClientException error) {
    add("callFailed " + error.getClass().getSimpleName());
  }
}
