package io.gust.samples;

/** Entry point of the samples jar: dispatches to the named command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    System.out.println("gust samples");
  }
}
