package io.gust.samples;

import io.gust.client.SourceAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What {@code --interface} and {@code --local-port} ask for, read as curl reads them: {@code
 * if!NAME} is an interface, {@code host!NAME} an address or host name, and a bare value an
 * interface if one has that name, else an address or host name. Either a source address for the
 * client (null when neither option was given) or curl's error 45.
 */
record SourceBinding(SourceAddress address, CurlError problem) {
  static SourceBinding of(CurlOptions options) {
    String name = options.networkInterface;
    if (name == null && options.localPortFirst == 0) {
      return new SourceBinding(null, null);
    }
    SourceAddress address;
    try {
      address = name == null ? SourceAddress.any() : lookUp(name);
    } catch (IllegalArgumentException | UnknownHostException e) {
      return new SourceBinding(null, new CurlError(CurlError.INTERFACE_FAILED,
          "Couldn't bind to '" + name + "' (" + e.getMessage() + ")"));
    }
    if (options.localPortFirst > 0) {
      address = address.withPorts(options.localPortFirst, options.localPortLast);
    }
    return new SourceBinding(address, null);
  }

  private static SourceAddress lookUp(String name) throws UnknownHostException {
    if (name.startsWith("if!")) {
      return SourceAddress.ofInterface(name.substring(3));
    }
    if (name.startsWith("host!")) {
      return SourceAddress.of(InetAddress.getByName(name.substring(5)));
    }
    try {
      return SourceAddress.ofInterface(name);
    } catch (IllegalArgumentException e) {
      return SourceAddress.of(InetAddress.getByName(name));
    }
  }
}
