"""A WebSocket echo server on Tornado, an independent peer for Gust's WebSocket client tests.

Usage: tornado_ws_server.py MODE, MODE "none" or "deflate" (permessage-deflate accepted).
Listens on 127.0.0.1 on an ephemeral port and prints it. Echoes every message; the text
"close CODE REASON" makes it close with that code and reason. Exits when stdin closes.
"""
import asyncio
import sys
import threading

import tornado.httpserver
import tornado.netutil
import tornado.web
import tornado.websocket

MODE = sys.argv[1]


class Echo(tornado.websocket.WebSocketHandler):
    def get_compression_options(self):
        return {} if MODE == "deflate" else None

    def on_message(self, message):
        if isinstance(message, str) and message.startswith("close "):
            _, code, reason = message.split(" ", 2)
            self.close(int(code), reason)
        else:
            self.write_message(message, binary=isinstance(message, bytes))


async def main():
    app = tornado.web.Application([(r"/echo", Echo)], websocket_max_message_size=1 << 24)
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    tornado.httpserver.HTTPServer(app).add_sockets(sockets)
    print(sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    threading.Thread(target=lambda: (sys.stdin.read(), loop.call_soon_threadsafe(stop.set)),
                     daemon=True).start()
    await stop.wait()


asyncio.run(main())
