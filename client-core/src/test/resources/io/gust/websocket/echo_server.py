"""An echo server on python3-websockets, the independent peer of Gust's WebSocket codec tests.

Usage: echo_server.py MODE, where MODE is "none" (no compression), "default" (the library's
default permessage-deflate) or "strict" (no context takeover either way, a 9-bit server window).
Listens on 127.0.0.1 on an ephemeral port, prints the port, and exits when stdin closes.
"""
import asyncio
import logging
import sys

import websockets
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory


async def echo(websocket, path=None):
    try:
        async for message in websocket:
            await websocket.send(message)
    except websockets.ConnectionClosed:
        pass  # The tests break the protocol on purpose; the Java side asserts the close code.


def options(mode):
    if mode == "none":
        return {"compression": None}
    if mode == "default":
        return {"compression": "deflate"}
    strict = ServerPerMessageDeflateFactory(
        server_no_context_takeover=True, client_no_context_takeover=True, server_max_window_bits=9)
    return {"compression": None, "extensions": [strict]}


async def main(mode):
    async with websockets.serve(echo, "127.0.0.1", 0, subprotocols=["superchat"],
                                max_size=1 << 24, **options(mode)) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.buffer.read)


logging.getLogger("websockets").setLevel(logging.CRITICAL)
asyncio.run(main(sys.argv[1]))
