"""A WebSocket echo server on python3-websockets, a peer for Gust's WebSocket client tests.

Usage: websockets_server.py MODE, MODE "none" or "deflate". Listens on 127.0.0.1 on an ephemeral
port and prints it. Echoes every message; "close CODE REASON" closes with that code and reason;
"frag N TEXT" sends TEXT back in N fragments. Exits when stdin closes.
"""
import asyncio
import logging
import sys

import websockets


async def echo(websocket, path=None):
    try:
        async for message in websocket:
            if isinstance(message, str) and message.startswith("close "):
                _, code, reason = message.split(" ", 2)
                await websocket.close(int(code), reason)
            elif isinstance(message, str) and message.startswith("frag "):
                _, count, text = message.split(" ", 2)
                size = -(-len(text) // int(count))
                await websocket.send([text[i:i + size] for i in range(0, len(text), size)])
            else:
                await websocket.send(message)
    except websockets.ConnectionClosed:
        pass


async def main(mode):
    compression = "deflate" if mode == "deflate" else None
    async with websockets.serve(echo, "127.0.0.1", 0, max_size=1 << 24,
                                compression=compression) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.buffer.read)


logging.getLogger("websockets").setLevel(logging.CRITICAL)
asyncio.run(main(sys.argv[1]))
