"""A python3-websockets client that checks a server echoes what it sends.

Usage: echo_client.py PORT MODE, where MODE is "default" (the library's default
permessage-deflate offer), "no-context" (asks for no context takeover either way) or
"small-window" (asks for a 10-bit server window). Sends text, binary and compressible messages,
checks each echo, closes with 1000 and exits 0, or exits 1 naming the first mismatch.
"""
import asyncio
import logging
import sys

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory


def extensions(mode):
    if mode == "default":
        return {"compression": "deflate"}
    if mode == "no-context":
        factory = ClientPerMessageDeflateFactory(
            server_no_context_takeover=True, client_no_context_takeover=True)
    else:
        factory = ClientPerMessageDeflateFactory(server_max_window_bits=10)
    return {"compression": None, "extensions": [factory]}


def messages():
    yield "Hello"
    yield bytes(range(256)) * 256
    for i in range(20):
        yield ("line %d: the quick brown fox κόσμε\n" % i) * (50 + 40 * i)
        yield "short %d" % i


async def main(port, mode):
    uri = "ws://127.0.0.1:%d/echo" % port
    async with websockets.connect(uri, subprotocols=["chat"], max_size=1 << 24,
                                  **extensions(mode)) as websocket:
        for index, message in enumerate(messages()):
            await websocket.send(message)
            echo = await websocket.recv()
            if echo != message:
                print("message %d came back different" % index, file=sys.stderr)
                sys.exit(1)
        await websocket.close(1000, "done")
        if websocket.close_code != 1000 or websocket.close_reason != "done":
            print("closed with %s %r" % (websocket.close_code, websocket.close_reason), file=sys.stderr)
            sys.exit(1)


logging.getLogger("websockets").setLevel(logging.CRITICAL)
asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
