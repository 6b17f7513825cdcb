package io.gust.http2;

import static io.gust.http2.Frames.readAll;
import static io.gust.http2.Hpack.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;

class FrameWriterTest {
  private final FrameWriter writer = new FrameWriter();
  private final Buffer out = new Buffer();

  @Test
  void writesTheRfcFrameLayout() {
    writer.settings(out, Http2Settings.DEFAULTS.with(Http2Settings.MAX_CONCURRENT_STREAMS, 100));
    writer.windowUpdate(out, 1, 0x10000);
    writer.rstStream(out, 0x7fffffff, ErrorCode.REFUSED_STREAM);
    assertEquals("000006040000000000" + "000300000064"
        + "000004080000000001" + "00010000"
        + "00000403007fffffff" + "00000007", out.readByteString().hex());
  }

  @Test
  void aBlockLargerThanThePeersFrameSizeGoesOutInContinuations() throws Exception {
    List<HeaderField> fields = fields(":status", "200", "x-large", "v".repeat(40_000),
        "x-small", "1");
    writer.headers(out, 3, true, fields);
    ByteString wire = out.readByteString();
    Buffer frames = new Buffer().write(wire);
    int[] types = new int[4];
    int count = 0;
    while (frames.size() > 0) {
      int length = (frames.readByte() & 0xff) << 16 | (frames.readShort() & 0xffff);
      types[count++] = frames.readByte();
      int flags = frames.readByte();
      assertEquals(3, frames.readInt());
      assertEquals(count == 1 ? 0x1 : 0, flags & 0x1, "END_STREAM only on HEADERS");
      assertEquals(frames.size() == length ? 0x4 : 0, flags & 0x4, "END_HEADERS only last");
      assertEquals(true, length <= 16_384);
      frames.skip(length);
    }
    assertEquals(3, count);
    assertEquals(FrameType.HEADERS, types[0]);
    assertEquals(FrameType.CONTINUATION, types[1]);
    assertEquals(FrameType.CONTINUATION, types[2]);
    FrameReader reader = new FrameReader();
    assertEquals(List.of(new Frame.Headers(3, true, fields)), readAll(reader, wire, false));
  }

  @Test
  void thePeersSettingsSetTheFrameSizeAndTheTableSize() throws Exception {
    writer.applyPeerSettings(Http2Settings.DEFAULTS
        .with(Http2Settings.MAX_FRAME_SIZE, 1 << 20)
        .with(Http2Settings.HEADER_TABLE_SIZE, 0));
    assertEquals(1 << 20, writer.peerMaxFrameSize());
    writer.applyPeerSettings(Http2Settings.DEFAULTS.with(Http2Settings.INITIAL_WINDOW_SIZE, 1));
    assertEquals(1 << 20, writer.peerMaxFrameSize(), "a SETTINGS without it keeps the size");
    List<HeaderField> fields = fields(":status", "200", "x-large", "v".repeat(40_000));
    writer.headers(out, 1, false, fields);
    ByteString wire = out.readByteString();
    assertEquals(0x20, wire.getByte(9) & 0xff, "a size update to 0 opens the block");
    FrameReader reader = new FrameReader();
    reader.setMaxFrameSize(1 << 20);
    reader.setMaxHeaderListSize(1 << 20);
    assertEquals(List.of(new Frame.Headers(1, false, fields)), readAll(reader, wire, false));
  }

  @Test
  void dataLargerThanThePeerAcceptsIsRefused() {
    Buffer source = new Buffer().write(new byte[16_385]);
    assertThrows(IllegalArgumentException.class,
        () -> writer.data(out, 1, false, source, 16_385));
    assertThrows(IllegalArgumentException.class, () -> writer.data(out, 0, false, source, 1));
    assertThrows(IllegalArgumentException.class, () -> writer.windowUpdate(out, 1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> writer.data(out, 1, false, new Buffer().writeUtf8("abc"), 4));
    assertEquals(0, out.size());
  }
}
