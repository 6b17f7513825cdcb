package io.gust.samples;

import java.util.Map;

/**
 * Expands curl's {@code -w} format: {@code %{variable}} from the transfer, {@code \n}, {@code \r},
 * {@code \t} and {@code \\} escapes, {@code %%} for a percent sign. Unknown variables expand to
 * nothing, as in curl, after a warning.
 */
final class WriteOut {
  private WriteOut() {}

  /** Expands {@code format} with {@code variables}; {@code warn} hears unknown variable names. */
  static String expand(String format, Map<String, String> variables,
      java.util.function.Consumer<String> warn) {
    StringBuilder out = new StringBuilder(format.length() + 16);
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '%') {
        out.append('%');
        i++;
      } else if (c == '%' && format.startsWith("%{", i) && format.indexOf('}', i) > 0) {
        int end = format.indexOf('}', i);
        String name = format.substring(i + 2, end);
        String value = variables.get(name);
        if (value == null) {
          warn.accept(name);
        } else {
          out.append(value);
        }
        i = end;
      } else if (c == '\\' && i + 1 < format.length()) {
        char next = format.charAt(i + 1);
        switch (next) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case '\\' -> out.append('\\');
          default -> out.append(c).append(next);
        }
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
