package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each example runs against the companion server it starts, and prints what it promises. */
@Timeout(60)
class ExamplesEndToEndTest {
  /** The examples print to System.out, so this swaps it for the run. */
  private static String run(Main.Example example) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      example.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void futureStyle() throws Exception {
    assertTrue(run(FutureStyle::main).contains("/hello says hello"));
  }

  @Test
  void callbackStyle() throws Exception {
    String out = run(CallbackStyle::main);
    assertTrue(out.contains("/status/404 -> 404") && out.contains("/delay/200 -> 200"), out);
  }

  @Test
  void manyAtOnce() throws Exception {
    String out = run(ManyAtOnce::main);
    assertTrue(out.contains("all: 4 answers") && out.contains("#2 delayed 500 ms"), out);
  }

  @Test
  void resolvers() throws Exception {
    String out = run(Resolvers::main);
    assertTrue(out.contains("ThreadedResolver(2)") && out.contains("OverrideResolver"), out);
  }

  @Test
  void blockingVersusOffloaded() throws Exception {
    assertTrue(run(BlockingVersusOffloaded::main).contains("/fast while /offloaded"));
  }

  @Test
  void streaming() throws Exception {
    String out = run(Streaming::main);
    assertTrue(out.contains("100%") && out.contains("body() holds 0 bytes"), out);
  }
}
