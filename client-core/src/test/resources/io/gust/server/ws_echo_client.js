// A client on Node's `ws` (Debian's node-ws) that checks a server echoes what it sends.
// Usage: node ws_echo_client.js URL. Offers permessage-deflate (ws's default), sends text,
// 64 KiB binary and compressible text, checks each echo, pings, closes with 1000 "done", and
// exits 0, or 1 naming the first mismatch.
const WebSocket = require('ws');

const messages = [
  'Hello',
  Buffer.from(Array.from({ length: 65536 }, (_, i) => i % 256)),
  'the quick brown fox κόσμε\n'.repeat(2000),
];

function fail(message) {
  console.error(message);
  process.exit(1);
}

const socket = new WebSocket(process.argv[2], { perMessageDeflate: true });
let next = 0;
socket.on('open', () => {
  if (!socket.extensions.includes('permessage-deflate')) {
    fail('permessage-deflate was not negotiated: ' + socket.extensions);
  }
  socket.send(messages[0]);
});
socket.on('message', (data, isBinary) => {
  const sent = messages[next];
  const same = typeof sent === 'string' ? !isBinary && data.toString('utf8') === sent
    : isBinary && Buffer.compare(data, sent) === 0;
  if (!same) {
    fail('echo ' + next + ' came back different');
  }
  next++;
  if (next < messages.length) {
    socket.send(messages[next]);
  } else {
    socket.ping(Buffer.from('abc'));
  }
});
socket.on('pong', (payload) => {
  if (payload.toString() !== 'abc') {
    fail('pong carried ' + payload);
  }
  socket.close(1000, 'done');
});
socket.on('close', (code, reason) => {
  if (code !== 1000 || reason.toString() !== 'done' || next !== messages.length) {
    fail('closed with ' + code + ' ' + reason + ' after ' + next + ' echoes');
  }
  console.log('ok ' + next);
  process.exit(0);
});
socket.on('error', (error) => fail('error: ' + error.message));
