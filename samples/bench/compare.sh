#!/bin/sh
# The whole client comparison on this machine, in one run, written as a markdown table.
#
#   samples/bench/compare.sh [SECONDS] [ROUNDS] [WARMUP_SECONDS] > table.md
#
# Needs nginx and wrk (Debian: apt-get install -y nginx wrk), python3, and a samples jar built
# with the peers profile: mvn -B -q -pl client-core,client-resolver,samples -am package
# -DskipTests -Ppeers
#
# What it runs, all on loopback:
# - nginx, 2 workers, keep-alive: /small answers "hello\n" from memory, /1m is a 1 MiB file.
# - small GET at 64 in flight and 1 MiB GET at 16 in flight through wrk and every client of
#   `bench` (gust jdk okhttp jetty apache ahc), each client in its own JVM (-Xmx1g). The clients
#   take turns within each round, for ROUNDS rounds, so that load from elsewhere hits all alike;
#   the table shows each figure's median over the rounds.
# - Gust's companion server (serve, one loop) against nginx (/hello and /small, same 6-byte
#   body) under wrk at 64 connections, also in turns.
# - Once per client after the rounds, unless HOLD=0: HOLD (default 10000) requests held at once
#   against the companion server's /delay/5000 (its own process): heap per held request after a
#   GC 3 s in, the client JVM's threads, and whether all completed.
# Bytes per request are bench's: heap allocated by all the JVM's threads during the timed run
# (ThreadMXBean.getThreadAllocatedBytes deltas) over requests, load loop included.
# A cell marked "!" had errors or non-2xx answers in some round. Progress goes to stderr, the
# table to stdout, every run's JSON line to samples/target/compare-results.jsonl.
set -eu
seconds=${1:-5}
rounds=${2:-3}
warmup=${3:-3}
clients=${CLIENTS:-"gust jdk okhttp jetty apache ahc"}
hold=${HOLD:-10000}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/samples/target/gust-samples.jar"
if ! unzip -l "$jar" 2>/dev/null | grep -q 'io/gust/samples/PeerJetty.class'; then
  echo "compare.sh: $jar lacks the peers; build it with -Ppeers (see the header)" >&2
  exit 2
fi
work=$(mktemp -d)
nginx_port=18091
gust_port=18090
. "$root/samples/bench/nginx-origin.sh"
start_nginx "$work" "$nginx_port"
java -Xms256m -Xmx256m -jar "$jar" serve --port "$gust_port" > "$work/gust.log" 2>&1 &
gust=$!
trap 'kill $gust $ngx 2>/dev/null; rm -rf "$work"' EXIT
await_url "http://127.0.0.1:$gust_port/hello"
await_url "http://127.0.0.1:$nginx_port/small"
small="http://127.0.0.1:$nginx_port/small"
big="http://127.0.0.1:$nginx_port/1m"
mkdir -p "$root/samples/target"
results="$root/samples/target/compare-results.jsonl"
: > "$results"

# wrk's requests/s and p99 (in ms) as one JSON line.
wrk_json() { # workload name connections url
  wrk -t 2 -c "$3" -d "$seconds" --latency "$4" | awk -v w="$1" -v n="$2" '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; m = 1; if (v ~ /us$/) m = 0.001; if (v ~ /[^m]s$/) m = 1000;
                  gsub(/[a-z]/, "", v); p99 = v * m }
    END { printf "{\"workload\":\"%s\",\"client\":\"%s\",\"requestsPerSecond\":%s,\"latencyMillis\":{\"p99\":%s}}\n", w, n, rps, p99 }'
}

run_bench() { # workload client connections url
  java -Xms1g -Xmx1g -jar "$jar" bench -c "$3" -d "$seconds" --warmup "$warmup" --json \
    --client "$2" "$4" 2> /dev/null | sed "s/^{/{\"workload\":\"$1\",/"
}

for round in $(seq "$rounds"); do
  for workload in small big; do
    if [ "$workload" = small ]; then url=$small; c=64; else url=$big; c=16; fi
    echo "round $round: $workload wrk" >&2
    wrk_json "$workload" wrk "$c" "$url" >> "$results"
    for client in $clients; do
      echo "round $round: $workload $client" >&2
      run_bench "$workload" "$client" "$c" "$url" >> "$results" || echo "  $client failed" >&2
    done
  done
  for server in gust-server nginx; do
    echo "round $round: server $server" >&2
    url=$small; [ "$server" = gust-server ] && url="http://127.0.0.1:$gust_port/hello"
    wrk_json server "$server" 64 "$url" >> "$results"
  done
done

if [ "$hold" -gt 0 ]; then
  for client in $clients; do
    echo "held: $client" >&2
    java -Xms1g -Xmx1g -jar "$jar" bench --hold "$hold" --sample 3 --json --client "$client" \
      "http://127.0.0.1:$gust_port/delay/5000" 2> /dev/null \
      | sed "s/^{/{\"workload\":\"hold\",\"client\":\"$client\",/" >> "$results" \
      || echo "  $client failed" >&2
  done
fi

versions="$(java -jar "$jar" bench --versions 2> /dev/null), $(nginx -v 2>&1 | sed "s/.*version: //"), wrk $(wrk -v 2>&1 | head -1 | cut -d" " -f2)"
python3 - "$results" "$rounds" "$seconds" "$versions" <<'PY'
import json, statistics, sys, datetime
path, rounds, seconds, versions = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
rows = [json.loads(line) for line in open(path) if line.strip()]
def pick(workload, client, key):
    values = []
    for r in rows:
        if r["workload"] == workload and r["client"] == client:
            values.append(r["latencyMillis"]["p99"] if key == "p99" else r.get(key))
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None
order = []
for r in rows:
    if r["workload"] in ("small", "big") and r["client"] not in order:
        order.append(r["client"])
def bad(workload, client):
    return any(r.get("errors", 0) or r.get("non2xx", 0) or r.get("failed", 0) for r in rows
               if r["workload"] == workload and r["client"] == client)
def cell(v, fmt, mark=False):
    return "—" if v is None else fmt.format(v) + (" !" if mark else "")
print(f"Measured {datetime.date.today().isoformat()}, {rounds} interleaved rounds of {seconds} s, "
      "medians; nginx 2 workers on loopback, keep-alive.")
if versions:
    print(f"Versions: {versions}")
print()
print("| workload | " + " | ".join(order) + " |")
print("|---|" + "---|" * len(order))
print("| small GET, 64 in flight: requests/s | " + " | ".join(cell(pick("small", c, "requestsPerSecond"), "{:,.0f}", bad("small", c)) for c in order) + " |")
print("| small GET: p99 ms | " + " | ".join(cell(pick("small", c, "p99"), "{:.2f}") for c in order) + " |")
print("| small GET: bytes allocated per request | " + " | ".join(cell(pick("small", c, "bytesPerRequest"), "{:,.0f}") for c in order) + " |")
print("| small GET: client CPU µs per request | " + " | ".join(cell(pick("small", c, "cpuMicrosPerRequest"), "{:.1f}") for c in order) + " |")
print("| 1 MiB GET, 16 in flight: MiB/s | " + " | ".join(cell(pick("big", c, "requestsPerSecond"), "{:,.0f}", bad("big", c)) for c in order) + " |")
print("| 1 MiB GET: p99 ms | " + " | ".join(cell(pick("big", c, "p99"), "{:.1f}") for c in order) + " |")
if any(r["workload"] == "hold" for r in rows):
    count = next(r["hold"] for r in rows if r["workload"] == "hold")
    print(f"| {count:,} held requests: heap bytes per request | " + " | ".join(cell(pick("hold", c, "heapBytesPerRequest"), "{:,.0f}", bad("hold", c)) for c in order) + " |")
    print(f"| {count:,} held requests: JVM threads | " + " | ".join(cell(pick("hold", c, "threads"), "{:,.0f}") for c in order) + " |")
print()
print("| server under wrk, 64 connections, 6-byte body | requests/s | p99 ms |")
print("|---|---|---|")
for s in ("gust-server", "nginx"):
    print(f"| {s} | {cell(pick('server', s, 'requestsPerSecond'), '{:,.0f}')} | {cell(pick('server', s, 'p99'), '{:.2f}')} |")
PY
