package io.gust.http2;

/**
 * The static Huffman code of RFC 7541 §5.2 and Appendix B. Decoding runs a table-driven automaton
 * four bits at a time: every state is a node of the code tree, every transition emits at most one
 * symbol (no code is shorter than five bits), and decoding the EOS symbol, or ending anywhere but
 * on a run of at most seven 1-bits from the root, is an error.
 */
final class Huffman {
  /** Nodes of the code tree: node 0 is the root; a leaf holds its symbol, an inner node -1. */
  private static final int MAX_NODES = 2 * (HuffmanTable.EOS + 1);

  private static final int NEXT_MASK = 0x3ff;
  private static final int SYMBOL_SHIFT = 10;
  private static final int FAILED = 1 << 20;

  /** {@code TRANSITIONS[node << 4 | nibble]}: next node, symbol + 1 (0 for none), FAILED. */
  private static final int[] TRANSITIONS = new int[MAX_NODES << 4];

  /** True for nodes where input may end: the root and up to seven 1-bits below it. */
  private static final boolean[] ACCEPTS = new boolean[MAX_NODES];

  static {
    int[] children = new int[MAX_NODES * 2];
    int[] symbols = new int[MAX_NODES];
    java.util.Arrays.fill(symbols, -1);
    int nodeCount = 1;
    for (int symbol = 0; symbol <= HuffmanTable.EOS; symbol++) {
      int code = HuffmanTable.CODES[symbol];
      int node = 0;
      for (int bit = HuffmanTable.LENGTHS[symbol] - 1; bit >= 0; bit--) {
        int slot = node * 2 + ((code >>> bit) & 1);
        if (children[slot] == 0) {
          children[slot] = nodeCount++;
        }
        node = children[slot];
      }
      symbols[node] = symbol;
    }
    for (int node = 0, depth = 0; depth <= 7; node = children[node * 2 + 1], depth++) {
      ACCEPTS[node] = true;
    }
    for (int node = 0; node < nodeCount; node++) {
      if (symbols[node] < 0) {
        for (int nibble = 0; nibble < 16; nibble++) {
          TRANSITIONS[node << 4 | nibble] = walk(children, symbols, node, nibble);
        }
      }
    }
  }

  private Huffman() {}

  private static int walk(int[] children, int[] symbols, int node, int nibble) {
    int emitted = 0;
    for (int bit = 3; bit >= 0; bit--) {
      node = children[node * 2 + ((nibble >>> bit) & 1)];
      int symbol = symbols[node];
      if (symbol == HuffmanTable.EOS) {
        return FAILED;
      }
      if (symbol >= 0) {
        emitted = symbol + 1;
        node = 0;
      }
    }
    return node | emitted << SYMBOL_SHIFT;
  }

  /** Returns the most octets {@code length} Huffman-coded octets can decode to. */
  static int maxDecodedLength(int length) {
    return (int) ((length * 8L) / 5);
  }

  /**
   * Decodes {@code in[offset..offset+length)} into {@code out} and returns the count of octets
   * written, or -1 when the input is not a valid Huffman string.
   */
  static int decode(byte[] in, int offset, int length, byte[] out) {
    int node = 0;
    int written = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      int octet = in[i] & 0xff;
      int high = TRANSITIONS[node << 4 | octet >>> 4];
      int low = TRANSITIONS[(high & NEXT_MASK) << 4 | octet & 0xf];
      if (((high | low) & FAILED) != 0) {
        return -1;
      }
      if (high >>> SYMBOL_SHIFT != 0) {
        out[written++] = (byte) ((high >>> SYMBOL_SHIFT) - 1);
      }
      if (low >>> SYMBOL_SHIFT != 0) {
        out[written++] = (byte) ((low >>> SYMBOL_SHIFT) - 1);
      }
      node = low & NEXT_MASK;
    }
    return ACCEPTS[node] ? written : -1;
  }

  /** Returns the length in octets of {@code s} Huffman-coded (one octet per char). */
  static int encodedLength(String s) {
    long bits = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      bits += HuffmanTable.LENGTHS[s.charAt(i) & 0xff];
    }
    return (int) ((bits + 7) >>> 3);
  }

  /**
   * Writes {@code s} Huffman-coded, padded with the high bits of EOS, into {@code out}, which holds at least {@link
   * #encodedLength} octets, and returns how many it wrote.
   */
  static int encode(String s, byte[] out) {
    long pending = 0;
    int pendingBits = 0;
    int written = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      int symbol = s.charAt(i) & 0xff;
      int bits = HuffmanTable.LENGTHS[symbol];
      pending = pending << bits | HuffmanTable.CODES[symbol];
      pendingBits += bits;
      while (pendingBits >= 8) {
        pendingBits -= 8;
        out[written++] = (byte) (pending >>> pendingBits);
      }
    }
    if (pendingBits > 0) {
      out[written++] = (byte) ((int) (pending << (8 - pendingBits)) | 0xff >>> pendingBits);
    }
    return written;
  }
}
