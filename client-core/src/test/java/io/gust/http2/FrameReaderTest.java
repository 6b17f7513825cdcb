package io.gust.http2;

import static io.gust.http2.FrameType.CONTINUATION;
import static io.gust.http2.FrameType.DATA;
import static io.gust.http2.FrameType.GOAWAY;
import static io.gust.http2.FrameType.HEADERS;
import static io.gust.http2.FrameType.PING;
import static io.gust.http2.FrameType.PRIORITY;
import static io.gust.http2.FrameType.PUSH_PROMISE;
import static io.gust.http2.FrameType.RST_STREAM;
import static io.gust.http2.FrameType.SETTINGS;
import static io.gust.http2.FrameType.WINDOW_UPDATE;
import static io.gust.http2.Frames.concat;
import static io.gust.http2.Frames.frame;
import static io.gust.http2.Frames.readAll;
import static io.gust.http2.Hpack.fields;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {
  private static final int END_STREAM = 0x1;
  private static final int END_HEADERS = 0x4;
  private static final int PADDED = 0x8;
  private static final int PRIORITY_FLAG = 0x20;

  /** ":method GET" then "custom-key: custom-header" entered in the table (RFC 7541 C.2.1). */
  private static final String BLOCK = "82400a637573746f6d2d6b65790d637573746f6d2d686561646572";
  private static final List<HeaderField> BLOCK_FIELDS =
      fields(":method", "GET", "custom-key", "custom-header");

  private FrameReader reader = new FrameReader();

  @ParameterizedTest(name = "oneOctetAtATime={0}")
  @ValueSource(booleans = {false, true})
  void readsWhatTheWriterWrites(boolean oneOctetAtATime) throws Exception {
    FrameWriter writer = new FrameWriter();
    Buffer out = new Buffer();
    Http2Settings settings = Http2Settings.DEFAULTS.with(Http2Settings.ENABLE_PUSH, 0)
        .with(Http2Settings.INITIAL_WINDOW_SIZE, 1 << 20)
        .with(Http2Settings.MAX_HEADER_LIST_SIZE, 0xffff_ffffL);
    writer.settings(out, settings);
    writer.settingsAck(out);
    writer.headers(out, 1, false, BLOCK_FIELDS);
    writer.data(out, 1, true, new Buffer().writeUtf8("hello"), 5);
    writer.rstStream(out, 3, ErrorCode.CANCEL);
    writer.ping(out, false, 0x0102030405060708L);
    writer.ping(out, true, -1L);
    writer.goAway(out, 7, ErrorCode.ENHANCE_YOUR_CALM, ByteString.encodeUtf8("slow down"));
    writer.windowUpdate(out, 0, Integer.MAX_VALUE);
    writer.windowUpdate(out, 5, 1);

    assertEquals(List.of(
        new Frame.Settings(false, settings),
        new Frame.Settings(true, Http2Settings.DEFAULTS),
        new Frame.Headers(1, false, BLOCK_FIELDS),
        new Frame.Data(1, true, new Buffer().writeUtf8("hello"), 5),
        new Frame.RstStream(3, ErrorCode.CANCEL),
        new Frame.Ping(false, 0x0102030405060708L),
        new Frame.Ping(true, -1L),
        new Frame.GoAway(7, ErrorCode.ENHANCE_YOUR_CALM, ByteString.encodeUtf8("slow down")),
        new Frame.WindowUpdate(0, Integer.MAX_VALUE),
        new Frame.WindowUpdate(5, 1)), readAll(reader, out.readByteString(), oneOctetAtATime));
  }

  @ParameterizedTest(name = "oneOctetAtATime={0}")
  @ValueSource(booleans = {false, true})
  void paddedDataLosesItsPaddingButCountsItForFlowControl(boolean oneOctetAtATime)
      throws Exception {
    ByteString input = frame(DATA, PADDED | END_STREAM, 3, "03 68656c6c6f 000000");
    assertEquals(List.of(new Frame.Data(3, true, new Buffer().writeUtf8("hello"), 9)),
        readAll(reader, input, oneOctetAtATime));
  }

  @Test
  void paddingAsLongAsThePayloadIsAConnectionError() {
    assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(DATA, PADDED, 1, "06 6869 000000"));
    assertEquals(List.of(new Frame.Data(1, false, new Buffer(), 6)),
        assertDoesNotThrow(() -> readAll(reader, frame(DATA, PADDED, 1, "05 6869 000000"), true)));
    assertConnectionError(ErrorCode.PROTOCOL_ERROR,
        frame(HEADERS, PADDED | PRIORITY_FLAG | END_HEADERS, 1, "02 0000000010 82"));
    assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(DATA, PADDED, 1, ""));
  }

  @ParameterizedTest(name = "oneOctetAtATime={0}")
  @ValueSource(booleans = {false, true})
  void headersSkipPaddingAndPriorityFields(boolean oneOctetAtATime) throws Exception {
    ByteString input = frame(HEADERS, END_HEADERS | PADDED | PRIORITY_FLAG | END_STREAM, 1,
        "02 80000003 10" + BLOCK + "0000");
    assertEquals(List.of(new Frame.Headers(1, true, BLOCK_FIELDS)),
        readAll(reader, input, oneOctetAtATime));
  }

  @ParameterizedTest(name = "oneOctetAtATime={0}")
  @ValueSource(booleans = {false, true})
  void aBlockSplitOverContinuationsArrivesWhole(boolean oneOctetAtATime) throws Exception {
    ByteString input = concat(
        frame(HEADERS, END_STREAM, 5, BLOCK.substring(0, 10)),
        frame(CONTINUATION, 0, 5, ""),
        frame(CONTINUATION, 0, 5, BLOCK.substring(10, 30)),
        frame(CONTINUATION, END_HEADERS, 5, BLOCK.substring(30)),
        frame(PING, 0, 0, "0000000000000001"));
    assertEquals(List.of(new Frame.Headers(5, true, BLOCK_FIELDS), new Frame.Ping(false, 1)),
        readAll(reader, input, oneOctetAtATime));
  }

  @ParameterizedTest(name = "oneOctetAtATime={0}")
  @ValueSource(booleans = {false, true})
  void pushPromiseCarriesThePromisedStreamAndItsFields(boolean oneOctetAtATime)
      throws Exception {
    ByteString input = concat(
        frame(PUSH_PROMISE, PADDED, 1, "01 80000002" + BLOCK.substring(0, 8) + "00"),
        frame(CONTINUATION, END_HEADERS, 1, BLOCK.substring(8)));
    assertEquals(List.of(new Frame.PushPromise(1, 2, BLOCK_FIELDS)),
        readAll(reader, input, oneOctetAtATime));
  }

  @ParameterizedTest(name = "oneOctetAtATime={0}")
  @ValueSource(booleans = {false, true})
  void priorityFramesUnknownTypesAndFlagsAndTheReservedBitAreIgnored(boolean oneOctetAtATime)
      throws Exception {
    ByteString input = concat(
        frame(PRIORITY, 0, 3, "0000000110"),
        frame(0xfa, 0xff, 0, "0102030405"),
        frame(0x0a, 0, 7, ""),
        frame(RST_STREAM, 0xfe, 0x80000003, "00000008"));
    assertEquals(List.of(new Frame.RstStream(3, ErrorCode.CANCEL)),
        readAll(reader, input, oneOctetAtATime));
  }

  @Test
  void aFrameLargerThanTheLimitIsRefusedFromItsHeaderAlone() throws Exception {
    Buffer in = new Buffer().write(ByteString.decodeHex("004001000000000001"));
    Http2Exception e = assertThrows(Http2Exception.class, () -> reader.read(in));
    assertEquals(ErrorCode.FRAME_SIZE_ERROR, e.errorCode());
    assertTrue(e.isConnectionError());
  }

  @Test
  void aLargerLocalLimitAdmitsLargerFrames() throws Exception {
    reader.setMaxFrameSize(1 << 20);
    ByteString payload = ByteString.of(new byte[100_000]);
    List<Frame> frames = readAll(reader, frame(DATA, 0, 1, payload), false);
    assertEquals(100_000, ((Frame.Data) frames.get(0)).data().size());
    assertThrows(IllegalArgumentException.class, () -> reader.setMaxFrameSize(16_383));
  }

  @Test
  void framesOnTheWrongStreamAreConnectionErrors() {
    for (int type : new int[] {DATA, HEADERS, PRIORITY, RST_STREAM, PUSH_PROMISE}) {
      assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(type, END_HEADERS, 0,
          type == RST_STREAM ? "00000000" : type == PRIORITY ? "0000000010" : "8282828282"));
    }
    assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(SETTINGS, 0, 1, ""));
    assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(PING, 0, 1, "0000000000000000"));
    assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(GOAWAY, 0, 1, "0000000000000000"));
    assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(WINDOW_UPDATE, 0, 0, "00000000"));
  }

  @Test
  void framesOfTheWrongLengthAreFrameSizeErrors() {
    assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(RST_STREAM, 0, 1, "000000"));
    assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(PING, 0, 0, "00000000000000"));
    assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(SETTINGS, 0, 0, "0001000000"));
    assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(SETTINGS, 1, 0, "000100000000"));
    assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(WINDOW_UPDATE, 0, 1, "000001"));
    assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(GOAWAY, 0, 0, "00000000000000"));
    assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(PUSH_PROMISE, END_HEADERS, 1, "000000"));
  }

  @Test
  void settingsOutsideTheirRangesAreConnectionErrors() {
    assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(SETTINGS, 0, 0, "000200000002"));
    assertConnectionError(ErrorCode.FLOW_CONTROL_ERROR, frame(SETTINGS, 0, 0, "000480000000"));
    assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(SETTINGS, 0, 0, "000500003fff"));
    assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(SETTINGS, 0, 0, "000501000000"));
  }

  @Test
  void unknownSettingsAreDroppedAndLaterValuesWin() throws Exception {
    List<Frame> frames = readAll(reader,
        frame(SETTINGS, 0, 0, "00ff00000001 000300000064 000300000032 000500ffffff"), false);
    Http2Settings settings = ((Frame.Settings) frames.get(0)).settings();
    assertEquals(2, settings.count());
    assertEquals(50, settings.maxConcurrentStreams());
    assertEquals(16_777_215, settings.maxFrameSize());
  }

  @ParameterizedTest(name = "oneOctetAtATime={0}")
  @ValueSource(booleans = {false, true})
  void streamErrorsConsumeTheFrameAndReadingGoesOn(boolean oneOctetAtATime) throws Exception {
    Buffer in = new Buffer();
    ByteString input = concat(
        frame(WINDOW_UPDATE, 0, 3, "00000000"),
        frame(PRIORITY, 0, 5, "00000001"),
        frame(PRIORITY, 0, 7, "0000000710"),
        frame(PING, 0, 0, "0000000000000002"));
    int errors = 0;
    Frame last = null;
    int step = oneOctetAtATime ? 1 : input.size();
    for (int i = 0; i < input.size(); i += step) {
      in.write(input.substring(i, Math.min(input.size(), i + step)));
      while (true) {
        try {
          Frame frame = reader.read(in);
          if (frame == null) {
            break;
          }
          last = frame;
        } catch (Http2Exception e) {
          assertFalse(e.isConnectionError(), e.getMessage());
          assertEquals(new int[] {3, 5, 7}[errors], e.streamId());
          assertEquals(errors == 1 ? ErrorCode.FRAME_SIZE_ERROR : ErrorCode.PROTOCOL_ERROR,
              e.errorCode());
          errors++;
        }
      }
    }
    assertEquals(3, errors);
    assertEquals(new Frame.Ping(false, 2), last);
    assertEquals(0, in.size());
  }

  @Test
  void aSelfDependentHeadersIsAStreamErrorAfterItsBlockUpdatedTheTable() throws Exception {
    Buffer in = new Buffer().write(frame(HEADERS, END_HEADERS | PRIORITY_FLAG, 3,
        "0000000310" + BLOCK));
    Http2Exception e = assertThrows(Http2Exception.class, () -> reader.read(in));
    assertEquals(3, e.streamId());
    assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
    in.write(frame(HEADERS, END_HEADERS, 5, "82be"));
    assertEquals(new Frame.Headers(5, false, BLOCK_FIELDS), reader.read(in));
  }

  @Test
  void anOversizedHeaderListIsAStreamErrorAndTheTableStaysInStep() throws Exception {
    reader.setMaxHeaderListSize(60);
    Buffer in = new Buffer().write(frame(HEADERS, END_HEADERS, 1, BLOCK));
    HeaderListTooLargeException e =
        assertThrows(HeaderListTooLargeException.class, () -> reader.read(in));
    assertEquals(1, e.streamId());
    in.write(frame(HEADERS, END_HEADERS, 3, "be"));
    assertEquals(new Frame.Headers(3, false, fields("custom-key", "custom-header")),
        reader.read(in));
  }

  @Test
  void aMalformedBlockIsACompressionError() {
    assertConnectionError(ErrorCode.COMPRESSION_ERROR, frame(HEADERS, END_HEADERS, 1, "80"));
  }

  @Test
  void framesInsideAHeaderBlockAreConnectionErrors() {
    ByteString open = frame(HEADERS, 0, 1, "82");
    assertConnectionError(ErrorCode.PROTOCOL_ERROR,
        concat(open, frame(PING, 0, 0, "0000000000000000")));
    assertConnectionError(ErrorCode.PROTOCOL_ERROR, concat(open, frame(0xfa, 0, 1, "")));
    assertConnectionError(ErrorCode.PROTOCOL_ERROR,
        concat(open, frame(CONTINUATION, END_HEADERS, 3, "82")));
    assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(CONTINUATION, END_HEADERS, 1, "82"));
  }

  @Test
  void aContinuationFloodOfOctetsEndsTheConnection() {
    reader.setMaxHeaderListSize(8 * 1024);
    Buffer input = new Buffer().write(frame(HEADERS, 0, 1, "82"));
    ByteString chunk = frame(CONTINUATION, 0, 1, ByteString.of(new byte[16_000]));
    for (int i = 0; i < 2; i++) {
      input.write(chunk);
    }
    Http2Exception e = assertThrows(Http2Exception.class, () -> {
      while (reader.read(input) != null) {
        continue;
      }
    });
    assertEquals(ErrorCode.ENHANCE_YOUR_CALM, e.errorCode());
    assertTrue(e.isConnectionError());
  }

  @Test
  void aContinuationFloodOfEmptyFramesEndsTheConnection() throws Exception {
    Buffer input = new Buffer().write(frame(HEADERS, 0, 1, "82"));
    ByteString empty = frame(CONTINUATION, 0, 1, "");
    int frames = 0;
    try {
      while (true) {
        input.write(empty);
        frames++;
        assertNull(reader.read(input));
      }
    } catch (Http2Exception e) {
      assertEquals(ErrorCode.ENHANCE_YOUR_CALM, e.errorCode());
    }
    assertTrue(frames <= 1024, frames + " empty CONTINUATION frames were read");
  }

  @Test
  void aConnectionErrorEndsTheReaderForGood() throws Exception {
    Buffer in = new Buffer().write(frame(PING, 0, 1, "0000000000000000"));
    Http2Exception first = assertThrows(Http2Exception.class, () -> reader.read(in));
    in.write(frame(PING, 0, 0, "0000000000000000"));
    assertSame(first, assertThrows(Http2Exception.class, () -> reader.read(in)));
  }

  @Test
  void goAwayKeepsDebugDataAndMapsUnknownCodes() throws Exception {
    assertEquals(List.of(new Frame.GoAway(5, ErrorCode.INTERNAL_ERROR,
            ByteString.encodeUtf8("bye"))),
        readAll(reader, frame(GOAWAY, 0, 0, "80000005 000000ff 627965"), true));
  }

  @Test
  void thePrefaceIsReadIncrementallyAndCheckedEarly() throws Exception {
    Buffer in = new Buffer().write(FrameReader.PREFACE.substring(0, 10));
    assertFalse(FrameReader.readPreface(in));
    in.write(FrameReader.PREFACE.substring(10));
    in.writeUtf8("x");
    assertTrue(FrameReader.readPreface(in));
    assertEquals("x", in.readUtf8());
    Http2Exception e = assertThrows(Http2Exception.class,
        () -> FrameReader.readPreface(new Buffer().writeUtf8("GET / HTTP/1.1\r\n")));
    assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
    assertFalse(FrameReader.readPreface(new Buffer().writeUtf8("PRI")));
  }

  /** Feeds {@code input} to fresh readers, whole and one octet at a time. */
  private static void assertConnectionError(ErrorCode expected, ByteString input) {
    for (boolean oneOctetAtATime : new boolean[] {false, true}) {
      Http2Exception e = assertThrows(Http2Exception.class,
          () -> readAll(new FrameReader(), input, oneOctetAtATime), input.hex());
      assertEquals(expected, e.errorCode(), e.getMessage());
      assertTrue(e.isConnectionError(), e.getMessage());
    }
  }
}
