package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.HttpRequest;
import io.gust.client.Phase;
import io.gust.client.WebSocket;
import io.gust.client.WebSocketException;
import io.gust.client.WebSocketOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import okio.ByteString;

/**
 * The {@code ws} command, like websocat: connects to a WebSocket URL, prints every message it
 * receives on a line of its own (binary messages as their bytes), and sends each line of
 * standard input as a text message (binary with {@code --binary}). The end of standard input
 * closes the WebSocket with 1000 and waits for the server's answer.
 *
 * <p>Exit codes: 0 once the WebSocket closed cleanly (either side first); 2 for bad usage; for a
 * connection that could not be made, curl's numbers as {@code fetch} uses them (6, 7, 28, 35,
 * 60); 22 when the server answered the upgrade with another status; 8 when its 101 answer broke
 * the handshake's rules; 56 when the WebSocket failed once open (a protocol error, a drop).
 * {@link #run} returns the code instead of exiting, so tests can run it in-process.
 */
final class WsCommand {
  static final int HANDSHAKE_REFUSED = 22;
  static final int BAD_HANDSHAKE = 8;
  static final int FAILED = 56;

  private final Options options;
  private final PrintStream stderr;

  private WsCommand(Options options, PrintStream stderr) {
    this.options = options;
    this.stderr = stderr;
  }

  /** The command line, parsed. */
  record Options(String url, List<String> headers, List<String> protocols, boolean binary,
      boolean compression, boolean insecure, Path caCert, Duration connectTimeout,
      Duration pingInterval, boolean silent) {}

  /** Runs {@code ws ARGS}: lines from {@code stdin} out, messages to {@code stdout}. */
  static int run(String[] args, InputStream stdin, OutputStream stdout, PrintStream stderr) {
    Options options;
    try {
      options = parse(args);
    } catch (CurlOptions.UsageException e) {
      stderr.println("ws: " + e.getMessage());
      stderr.println(usage());
      return CurlError.USAGE;
    }
    if (options == null) {
      stderr.println(usage());
      return 0;
    }
    return new WsCommand(options, stderr).session(stdin, stdout);
  }

  static String usage() {
    return """
        usage: ws [-H 'Name: value']... [--protocol P]... [--binary] [--no-compression]
                  [-k | --cacert FILE] [--connect-timeout S] [--ping-interval S] [-s] URL
          URL is ws://, wss://, http:// or https://. Prints each message received on a line,
          sends each line of standard input; its end closes the WebSocket (1000).
          exit 0 after a clean close; 2 usage; 6/7/28/35/60 as fetch; 22 upgrade refused;
          8 bad handshake answer; 56 failed once open""";
  }

  static Options parse(String[] args) throws CurlOptions.UsageException {
    List<String> headers = new ArrayList<>();
    List<String> protocols = new ArrayList<>();
    String url = null;
    boolean binary = false;
    boolean compression = true;
    boolean insecure = false;
    boolean silent = false;
    Path caCert = null;
    Duration connectTimeout = Duration.ofSeconds(300);
    Duration pingInterval = Duration.ZERO;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help" -> {
          return null;
        }
        case "-H", "--header" -> headers.add(value(args, ++i, arg));
        case "--protocol" -> protocols.add(value(args, ++i, arg));
        case "-b", "--binary" -> binary = true;
        case "--no-compression" -> compression = false;
        case "-k", "--insecure" -> insecure = true;
        case "-s", "--silent" -> silent = true;
        case "--cacert" -> caCert = Path.of(value(args, ++i, arg));
        case "--connect-timeout" -> connectTimeout = seconds(value(args, ++i, arg), arg);
        case "--ping-interval" -> pingInterval = seconds(value(args, ++i, arg), arg);
        default -> {
          if (arg.startsWith("-") || url != null) {
            throw new CurlOptions.UsageException("unexpected argument: " + arg);
          }
          url = arg;
        }
      }
    }
    if (url == null) {
      throw new CurlOptions.UsageException("no URL given");
    }
    return new Options(url, headers, protocols, binary, compression, insecure, caCert,
        connectTimeout, pingInterval, silent);
  }

  private static String value(String[] args, int index, String flag) throws CurlOptions.UsageException {
    if (index >= args.length) {
      throw new CurlOptions.UsageException(flag + " needs a value");
    }
    return args[index];
  }

  private static Duration seconds(String value, String flag) throws CurlOptions.UsageException {
    try {
      double seconds = Double.parseDouble(value);
      if (seconds < 0 || Double.isNaN(seconds)) {
        throw new NumberFormatException();
      }
      return Duration.ofNanos((long) (seconds * 1e9));
    } catch (NumberFormatException e) {
      throw new CurlOptions.UsageException(flag + " wants seconds, not " + value);
    }
  }

  private int session(InputStream stdin, OutputStream stdout) {
    HttpRequest request;
    AsyncHttpClient.Builder builder = AsyncHttpClient.builder().connectTimeout(options.connectTimeout());
    try {
      HttpRequest.Builder handshake = WebSocket.request(options.url());
      for (String header : options.headers()) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
          throw new CurlOptions.UsageException("a header is 'Name: value', not " + header);
        }
        handshake.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
      }
      request = handshake.build();
      builder.tls(TlsSettings.trust(options.insecure(), options.caCert()).tlsOptions());
    } catch (CurlOptions.UsageException | IllegalArgumentException e) {
      stderr.println("ws: " + e.getMessage());
      return CurlError.USAGE;
    }
    WebSocketOptions settings = WebSocketOptions.builder().subprotocols(options.protocols())
        .compression(options.compression()).pingInterval(options.pingInterval()).build();
    try (AsyncHttpClient client = builder.build()) {
      WebSocket ws;
      try {
        ws = client.websocket(request, settings, null).get();
      } catch (ExecutionException e) {
        return connectFailed(e.getCause());
      }
      startSending(ws, stdin);
      return receiveAll(ws, stdout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED;
    }
  }

  private int connectFailed(Throwable error) {
    int code;
    if (error instanceof WebSocketException && ((WebSocketException) error).phase() == Phase.HEADERS) {
      code = error.getCause() == null ? HANDSHAKE_REFUSED : BAD_HANDSHAKE; // a 101 that broke a rule has its cause
    } else {
      code = CurlError.of(error, 0).exitCode();
    }
    stderr.println("ws: (" + code + ") " + error.getMessage());
    return code;
  }

  /** Sends each line of {@code stdin} from a daemon thread; its end closes the WebSocket. */
  private void startSending(WebSocket ws, InputStream stdin) {
    Thread sender = new Thread(() -> {
      BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      try {
        for (String line; (line = lines.readLine()) != null && ws.isOpen(); ) {
          (options.binary() ? ws.sendBinary(ByteString.encodeUtf8(line)) : ws.sendText(line)).get();
        }
        if (ws.isOpen()) {
          ws.close(1000, "");
        }
      } catch (IOException | ExecutionException e) {
        ws.close(1000, ""); // standard input failed, or the WebSocket is closing anyway
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "ws-stdin");
    sender.setDaemon(true);
    sender.start();
  }

  /** Prints messages until the WebSocket closes; returns the exit code. */
  private int receiveAll(WebSocket ws, OutputStream stdout) throws InterruptedException {
    try {
      for (WebSocket.Message message; (message = ws.receive().get()) != null; ) {
        stdout.write(message.data().toByteArray());
        if (message.isText()) {
          stdout.write('\n');
        }
        stdout.flush();
      }
    } catch (ExecutionException e) {
      stderr.println("ws: (" + FAILED + ") " + e.getCause().getMessage());
      return FAILED;
    } catch (IOException e) {
      stderr.println("ws: (" + CurlError.WRITE_ERROR + ") cannot write the output: " + e.getMessage());
      ws.close(1001, "");
      return CurlError.WRITE_ERROR;
    }
    if (!options.silent() && ws.closeCode() != 1000) {
      stderr.println("ws: closed " + ws.closeCode() + (ws.closeReason().isEmpty() ? "" : " " + ws.closeReason()));
    }
    return 0;
  }
}
