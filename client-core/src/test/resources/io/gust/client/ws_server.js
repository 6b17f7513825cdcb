// A WebSocket echo server on Node's `ws` (Debian's node-ws), a peer for Gust's client tests.
// Usage: node ws_server.js MODE, MODE "none" or "deflate" (permessage-deflate with no threshold).
// Listens on 127.0.0.1 on an ephemeral port and prints it. Echoes every message; "close CODE
// REASON" closes with that code and reason; "frag N TEXT" sends TEXT back in N fragments.
// Exits when stdin closes.
const { WebSocketServer } = require('ws');

const deflate = process.argv[2] === 'deflate';
const server = new WebSocketServer({
  host: '127.0.0.1', port: 0, maxPayload: 1 << 24,
  perMessageDeflate: deflate ? { threshold: 0 } : false,
});
server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    const text = isBinary ? null : data.toString('utf8');
    if (text !== null && text.startsWith('close ')) {
      const [, code, ...reason] = text.split(' ');
      socket.close(Number(code), reason.join(' '));
    } else if (text !== null && text.startsWith('frag ')) {
      const [, count, ...rest] = text.split(' ');
      const body = rest.join(' ');
      const size = Math.ceil(body.length / Number(count));
      for (let i = 0; i < body.length; i += size) {
        socket.send(body.slice(i, i + size), { fin: i + size >= body.length });
      }
    } else {
      socket.send(data, { binary: isBinary });
    }
  });
});
server.on('listening', () => console.log(server.address().port));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
