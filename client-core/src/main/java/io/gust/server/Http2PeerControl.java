package io.gust.server;

import io.gust.http2.ErrorCode;
import io.gust.http2.Frame;
import io.gust.http2.FrameBudget;
import io.gust.http2.Http2Exception;
import io.gust.http2.Http2Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames of an {@link Http2ServerConnection} that steer the connection rather than carry a
 * request: the client's SETTINGS (applied, then acknowledged; a new initial window moves every
 * stream's send window), WINDOW_UPDATE, RST_STREAM and PING. It keeps the budgets against floods
 * of such frames: 1000 control frames at once refilled at 200 a second, and resets at twice the
 * stream limit refilled at the stream limit a second (at least 200 and 100), so a client that
 * opens and cancels streams faster than it could use them (CVE-2023-44487) is sent GOAWAY with
 * ENHANCE_YOUR_CALM. Loop-confined.
 */
final class Http2PeerControl {
  private static final Logger log = LoggerFactory.getLogger(Http2PeerControl.class);

  private final Http2ServerConnection connection;
  private final Http2Sender sender;
  private final Http2StreamTable streams;
  private final FrameBudget controlBudget;
  private final FrameBudget resetBudget;
  /** SETTINGS_INITIAL_WINDOW_SIZE of the client: the send window of each new stream. */
  private int peerInitialWindow = 65_535;

  Http2PeerControl(Http2ServerConnection connection, Http2Sender sender,
      Http2StreamTable streams) {
    this.connection = connection;
    this.sender = sender;
    this.streams = streams;
    long now = connection.loop.nanoTime();
    int streamLimit = connection.context.maxConcurrentStreams;
    this.controlBudget = new FrameBudget(1000, 200, now);
    this.resetBudget = new FrameBudget(Math.max(200, 2 * streamLimit), Math.max(100, streamLimit),
        now);
  }

  int peerInitialWindow() {
    return peerInitialWindow;
  }

  void onPing(Frame.Ping ping) throws Http2Exception {
    if (!ping.ack()) {
      spend(controlBudget, "PING");
      sender.writer.ping(sender.out, true, ping.opaqueData());
    }
  }

  /** Spends from the budget of control frames. */
  void spendControl(String what) throws Http2Exception {
    spend(controlBudget, what);
  }

  /** Spends from the budget of streams reset or refused. */
  void spendReset(String what) throws Http2Exception {
    spend(resetBudget, what);
  }

  void onWindowUpdate(Frame.WindowUpdate update) throws Http2Exception {
    if (update.streamId() == 0) {
      if (!sender.output.window.credit(update.increment())) {
        throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR,
            "WINDOW_UPDATE passes the connection's window past 2^31-1");
      }
    } else {
      Http2ServerStream target = streams.get(update.streamId());
      if (target == null) {
        if (streams.isIdle(update.streamId())) {
          throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR,
              "WINDOW_UPDATE on idle stream " + update.streamId());
        }
        return;
      }
      if (!target.sendWindow.credit(update.increment())) {
        connection.resetStream(target, ErrorCode.FLOW_CONTROL_ERROR);
        return;
      }
      sender.output.enqueue(target);
    }
    sender.writeData();
  }

  void onReset(Frame.RstStream reset) throws Http2Exception {
    Http2ServerStream target = streams.get(reset.streamId());
    if (target == null) {
      if (streams.isIdle(reset.streamId())) {
        throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR,
            "RST_STREAM on idle stream " + reset.streamId());
      }
      return;
    }
    spend(resetBudget, "RST_STREAM");
    log.debug("client reset {} with {}", target, reset.errorCode());
    connection.resetByClient(target);
  }

  void onSettings(Frame.Settings settings) throws Http2Exception {
    if (settings.ack()) {
      return;
    }
    spend(controlBudget, "SETTINGS");
    Http2Settings values = settings.settings();
    sender.writer.applyPeerSettings(values);
    if (values.isSet(Http2Settings.INITIAL_WINDOW_SIZE)) {
      long delta = (long) values.initialWindowSize() - peerInitialWindow;
      peerInitialWindow = values.initialWindowSize();
      for (Http2ServerStream each : streams.list()) {
        if (!each.sendWindow.credit(delta)) {
          throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR,
              "SETTINGS_INITIAL_WINDOW_SIZE passes a stream's window past 2^31-1");
        }
        sender.output.enqueue(each);
      }
    }
    sender.writer.settingsAck(sender.out);
    sender.writeData();
  }

  /** Spends from {@code budget}; a client that has spent it all floods the connection. */
  private void spend(FrameBudget budget, String what) throws Http2Exception {
    if (!budget.spend(connection.loop.nanoTime())) {
      throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM, "too many " + what + " frames");
    }
  }
}
