#!/bin/sh
# WebSocket echo throughput on one connection, 32 messages in flight (WebSocketBench echo), of
# Gust's client beside the JDK's and OkHttp's, against two echo servers in their own processes:
# Node's ws (Debian's node-ws) and the companion server's /ws/echo (serve). No compression.
#
#   samples/bench/ws-echo.sh [SECONDS] [ROUNDS] [SIZES] > table.md
#   JAR=/path/to/gust-samples.jar samples/bench/ws-echo.sh ...   (another build)
#   BASE_JAR=/path/to/older/gust-samples.jar samples/bench/ws-echo.sh ...   (adds "base", Gust
#   from that jar, to the turns: before and after a change in the same rounds)
#
# Needs node and node-ws (Debian: apt-get install -y nodejs node-ws) and a built samples jar
# (mvn -B -q -pl client-core,client-resolver,samples -am package -DskipTests).
# The clients take turns within each round (gust, jdk, okhttp, gust, ...), each in its own JVM,
# so that load from elsewhere hits all alike. The table shows, per server and size, each
# client's median messages/s over the rounds and the median over the rounds of Gust's ratio to
# the better of the other two in the same round. The load average at the start and the end goes
# to the table; progress to stderr.
set -eu
seconds=${1:-5}
rounds=${2:-5}
sizes=${3:-"100 65536"}
clients="gust jdk okhttp${BASE_JAR:+ base}"
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=${JAR:-"$root/samples/target/gust-samples.jar"}
load_start=$(cut -d" " -f1-3 /proc/loadavg)
work=$(mktemp -d)
gust_port=18093
node_port=18094
cat > "$work/echo.js" <<'JS'
const { WebSocketServer } = require('ws');
const server = new WebSocketServer({
  host: '127.0.0.1', port: Number(process.argv[2]), maxPayload: 1 << 24, perMessageDeflate: false,
});
server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});
server.on('listening', () => console.log('listening'));
JS
NODE_PATH=/usr/share/nodejs node "$work/echo.js" "$node_port" > "$work/node.log" 2>&1 &
node_pid=$!
java -Xms256m -Xmx256m -jar "$jar" serve --port "$gust_port" > "$work/gust.log" 2>&1 &
gust_pid=$!
trap 'kill $node_pid $gust_pid 2>/dev/null; rm -rf "$work"' EXIT
for i in $(seq 1 100); do
  if curl -fs "http://127.0.0.1:$gust_port/hello" > /dev/null 2>&1 \
    && grep -q listening "$work/node.log"; then
    break
  fi
  sleep 0.2 # a bench script, not a test: waiting for two servers to listen
done
servers="node:ws://127.0.0.1:$node_port/ serve:ws://127.0.0.1:$gust_port/ws/echo"
for round in $(seq 1 "$rounds"); do
  for size in $sizes; do
    for server in $servers; do
      name=${server%%:*}
      url=${server#*:}
      for client in $clients; do
        case $client in
          base) run_jar=$BASE_JAR run_client=gust ;;
          *) run_jar=$jar run_client=$client ;;
        esac
        out=$(java -Xmx1g -cp "$run_jar" io.gust.samples.WebSocketBench echo "$run_client" "$size" \
          "$seconds" "$url" 2>> "$work/errors.log" | tail -1)
        rate=$(echo "$out" | sed -n 's/.*: \([0-9,]*\) messages\/s.*/\1/p' | tr -d ,)
        echo "round $round $name $size $client ${rate:-0}" >&2
        echo "$round $name $size $client ${rate:-0}" >> "$work/results"
      done
    done
  done
done
load_end=$(cut -d" " -f1-3 /proc/loadavg)
echo "WebSocket echo, one connection, 32 in flight, $seconds s a run, $rounds rounds;"
echo "load average $load_start at the start, $load_end at the end."
echo
echo "| server | size | gust msg/s | jdk msg/s | okhttp msg/s | gust / better of the two \
| base msg/s | base / better |"
echo "|---|---|---|---|---|---|---|---|"
awk -v sizes="$sizes" '
  function median(list, n,   i, j, t, a) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) {
      t = a[i]; for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t
    }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { rate[$2, $3, $4] = rate[$2, $3, $4] " " $5; r[$1, $2, $3, $4] = $5; seen[$2, $3] = 1
    if ($1 > rounds) rounds = $1 }
  END {
    split("node serve", names, " "); n = split(sizes, size, " ")
    for (s = 1; s <= 2; s++) for (z = 1; z <= n; z++) {
      k = names[s] SUBSEP size[z]; if (!(k in seen)) continue
      ratios = ""; based = ""
      for (i = 1; i <= rounds; i++) {
        best = r[i, names[s], size[z], "jdk"]
        if (r[i, names[s], size[z], "okhttp"] > best) best = r[i, names[s], size[z], "okhttp"]
        if (best > 0) ratios = ratios " " r[i, names[s], size[z], "gust"] / best
        if (best > 0) based = based " " r[i, names[s], size[z], "base"] / best
      }
      printf "| %s | %s | %.0f | %.0f | %.0f | %.2fx | %.0f | %.2fx |\n", names[s], size[z],
        median(rate[k, "gust"]), median(rate[k, "jdk"]), median(rate[k, "okhttp"]), median(ratios),
        ((k, "base") in rate) ? median(rate[k, "base"]) : 0, median(based)
    }
  }' "$work/results"
if [ -s "$work/errors.log" ]; then
  echo "ws-echo.sh: errors (last lines):" >&2
  tail -5 "$work/errors.log" >&2
fi
