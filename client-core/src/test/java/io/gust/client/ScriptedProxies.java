package io.gust.client;

import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;

import io.gust.testing.ScriptedServer;
import io.gust.testing.TlsFront;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Scripts that make a {@link ScriptedServer} an HTTP proxy in front of the local origins. */
final class ScriptedProxies {
  private ScriptedProxies() {}

  /**
   * Forwards one absolute-form request (adding {@code Via: 1.1 scripted}) or tunnels one CONNECT
   * to a port on 127.0.0.1, adding each head it receives to {@code heads}.
   */
  static ScriptedServer.Script forwardAndTunnel(List<String> heads) {
    return (client, index) -> {
      String head = readHead(client.getInputStream());
      if (head == null) {
        return;
      }
      heads.add(head);
      String target = head.substring(head.indexOf(' ') + 1, head.indexOf(" HTTP/"));
      if (head.startsWith("CONNECT ")) {
        int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
          write(client, "HTTP/1.1 200 Connection established\r\n\r\n");
          TlsFront.relay(client, upstream);
        }
        return;
      }
      int port = Integer.parseInt(target.replaceAll("^http://[^:]+:(\\d+)/.*$", "$1"));
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
        String path = target.replaceAll("^http://[^/]+", "");
        write(upstream, head.replaceFirst(" \\S+ HTTP/1.1", " " + path + " HTTP/1.1")
            .replace("\r\n\r\n", "\r\nVia: 1.1 scripted\r\nConnection: close\r\n\r\n"));
        write(client, new String(upstream.getInputStream().readAllBytes(),
            StandardCharsets.ISO_8859_1));
      }
    };
  }
}
