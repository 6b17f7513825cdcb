"""A python3-websockets client that drives Gust's companion server through one scenario.

Usage: session_client.py PORT PATH SCENARIO. Prints what the Java test asserts on stdout, one
fact a line, and exits 0 when the scenario went as expected, 1 naming the first mismatch.

Scenarios:
  echo-none, echo-deflate, echo-tls
                           text, 64 KiB binary, compressible text, fragmented messages and a ping
                           against an echo route, then a close with 1000 "done"; echo-tls
                           speaks wss:// (with deflate) trusting the CA in the PEM file given
                           as 4th argument
  server-close             sends one message; expects the server's close 4000 "bye"
  server-ping              expects a text "pong:hi" once the server's ping was answered
  too-big                  sends 2048 bytes; expects the server's close 1009
  backpressure             sends COUNT messages of 64 KiB (4th argument), printing "sent N" after
                           each, then waits for the server's close 1000
  going-away               waits for the server to shut down; expects its close 1001
  subprotocol              offers "other" and "superchat"; prints the one agreed and the text
                           the server sends first
  await-close              answers pings (as the library does) until the server's close 1000
"""
import asyncio
import logging
import ssl
import sys

import websockets


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


async def expect_close(websocket, code, reason=None):
    try:
        message = await asyncio.wait_for(websocket.recv(), 20)
        fail("expected a close %s, got a message %r" % (code, message[:40]))
    except websockets.ConnectionClosed as closed:
        if closed.rcvd is None or closed.rcvd.code != code:
            fail("expected close %s, got %s" % (code, closed.rcvd))
        if reason is not None and closed.rcvd.reason != reason:
            fail("expected reason %r, got %r" % (reason, closed.rcvd.reason))
    print("closed %d" % code, flush=True)


async def echo(websocket, deflate):
    if bool(websocket.extensions) != deflate:
        fail("extensions negotiated: %r" % websocket.extensions)
    messages = ["Hello", bytes(range(256)) * 256, "the quick brown fox κόσμε\n" * 2000, b""]
    for message in messages:
        await websocket.send(message)
        if await websocket.recv() != message:
            fail("an echo came back different: %r" % message[:40])
    print("echoed %d" % len(messages), flush=True)
    await websocket.send(["frag", "mented ", "κόσμε"])
    if await websocket.recv() != "fragmented κόσμε":
        fail("the fragmented text came back different")
    await websocket.send([b"\x00" * 1000, b"\x01" * 70000])
    if await websocket.recv() != b"\x00" * 1000 + b"\x01" * 70000:
        fail("the fragmented binary came back different")
    print("fragments echoed", flush=True)
    pong = await websocket.ping(b"abc")
    await asyncio.wait_for(pong, 20)
    print("pong", flush=True)
    await websocket.close(1000, "done")
    if websocket.close_code != 1000 or websocket.close_reason != "done":
        fail("closed with %s %r" % (websocket.close_code, websocket.close_reason))
    print("closed 1000", flush=True)


async def backpressure(websocket, count):
    payload = b"\x2a" * 65536
    for i in range(count):
        await websocket.send(payload)
        print("sent %d" % (i + 1), flush=True)
    await expect_close(websocket, 1000)


async def main(port, path, scenario, extra):
    compression = None if scenario == "echo-none" else "deflate"
    tls = ssl.create_default_context(cafile=extra) if scenario == "echo-tls" else None
    uri = "%s://127.0.0.1:%d%s" % ("wss" if tls else "ws", port, path)
    offered = ["other", "superchat"] if scenario == "subprotocol" else None
    async with websockets.connect(uri, compression=compression, max_size=1 << 24,
                                  ping_interval=None, ssl=tls, subprotocols=offered) as websocket:
        if scenario.startswith("echo-"):
            await echo(websocket, scenario != "echo-none")
        elif scenario == "server-close":
            await websocket.send("close please")
            await expect_close(websocket, 4000, "bye")
        elif scenario == "server-ping":
            message = await asyncio.wait_for(websocket.recv(), 20)
            if message != "pong:hi":
                fail("expected pong:hi, got %r" % message)
            print(message, flush=True)
        elif scenario == "too-big":
            await websocket.send(b"x" * 2048)
            await expect_close(websocket, 1009)
        elif scenario == "backpressure":
            await backpressure(websocket, int(extra))
        elif scenario == "subprotocol":
            print("agreed %s" % websocket.subprotocol, flush=True)
            print(await asyncio.wait_for(websocket.recv(), 20), flush=True)
            await websocket.close(1000, "done")
        elif scenario == "await-close":
            await expect_close(websocket, 1000)
        elif scenario == "going-away":
            print("open", flush=True)
            await expect_close(websocket, 1001)
        else:
            fail("unknown scenario " + scenario)


logging.getLogger("websockets").setLevel(logging.CRITICAL)
asyncio.run(main(int(sys.argv[1]), sys.argv[2], sys.argv[3],
                 sys.argv[4] if len(sys.argv) > 4 else None))
