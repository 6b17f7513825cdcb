#!/bin/sh
# The whole client comparison on this machine, in one run, written as a markdown table.
#
#   samples/bench/compare.sh [SECONDS] [ROUNDS] [WARMUP_SECONDS] > table.md
#   WORKLOADS="h2" HOLD=0 samples/bench/compare.sh ...   (only the HTTP/2 table)
#
# Needs nginx, wrk and time (Debian: apt-get install -y nginx wrk time), python3, and a samples
# jar built with the peers profile: mvn -B -q -pl client-core,client-resolver,samples -am package
# -DskipTests -Ppeers
#
# What it runs, all on loopback:
# - nginx, 2 workers, keep-alive: /small answers "hello\n" from memory, /1m is a 1 MiB file.
# - small GET at 64 in flight and 1 MiB GET at 16 in flight through wrk and every client of
#   `bench` (gust jdk okhttp jetty apache ahc), each client in its own JVM (-Xmx1g). The clients
#   take turns within each round, for ROUNDS rounds, so that load from elsewhere hits all alike;
#   the table shows each figure's median over the rounds. wrk's CPU time is taken by
#   /usr/bin/time (Debian's time package). Gust takes the 1 MiB body twice: buffered into
#   body() (the peers collect theirs into bytes too) and streamed (gust-stream: BodySink.stream()
#   read to its end, each chunk released).
# - Gust's companion server (serve, one loop) against nginx with one worker, under wrk at 64
#   connections, also in turns: a small route (/hello and /small, same 6-byte body) and a 1 KiB
#   static file both serve from one folder (serve --dir); each URL gets WARMUP seconds of wrk
#   before the first round.
# - HTTP/2 (workload h2, needs openssl): small GET at 64 in flight against the same nginx on a
#   TLS port with http2 on (self-signed certificate for 127.0.0.1, trusted through --cacert),
#   every client of H2_CLIENTS (default gust jdk okhttp jetty) with bench --http2 (Gust on one
#   connection, its streams multiplexed), then Gust over HTTP/1.1 on the same TLS port with 64
#   connections (workload h1tls), in the same turns.
# WORKLOADS (default "small big h2") picks the workloads; the server rows come with small.
# - Once per client after the rounds, unless HOLD=0: HOLD (default 10000) requests held at once
#   against the companion server's /delay/5000 (its own process): heap per held request after a
#   GC 3 s in, the client JVM's threads, its peak resident memory (HOLD_JAVA_OPTS, default
#   -Xmx1g, are its JVM options), and whether all completed.
# Bytes per request are bench's: heap allocated by all the JVM's threads during the timed run
# (ThreadMXBean.getThreadAllocatedBytes deltas) over requests, load loop included.
# A cell marked "!" had errors or non-2xx answers in some round. Progress goes to stderr, the
# table to stdout, every run's JSON line to samples/target/compare-results.jsonl.
set -eu
seconds=${1:-5}
rounds=${2:-3}
warmup=${3:-3}
clients=${CLIENTS:-"gust jdk okhttp jetty apache ahc"}
h2_clients=${H2_CLIENTS:-"gust jdk okhttp jetty"}
workloads=${WORKLOADS:-"small big h2"}
has() { case " $workloads " in *" $1 "*) return 0 ;; esac; return 1; }
load_start=$(cut -d" " -f1-3 /proc/loadavg)
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
h2_port=18092
one_port=18093
if has h2; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -addext "basicConstraints=critical,CA:FALSE" -addext "extendedKeyUsage=serverAuth" \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2> /dev/null
  chmod 644 "$work/key.pem" # nginx workers run as another user
  NGINX_HTTP="
  server {
    listen 127.0.0.1:$h2_port ssl http2;
    ssl_certificate $work/cert.pem;
    ssl_certificate_key $work/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    http2_max_concurrent_streams 128;
    location = /small { default_type text/plain; return 200 \"hello\\n\"; }
  }"
fi
. "$root/samples/bench/nginx-origin.sh"
start_nginx "$work" "$nginx_port"
origin=$ngx
mkdir "$work/one"
head -c 1024 /dev/urandom > "$work/one/f1k.bin"
chmod 644 "$work/one/f1k.bin"
NGINX_HTTP="" WORKERS=1 start_nginx "$work/one" "$one_port"
java -Xms256m -Xmx256m -jar "$jar" serve --port "$gust_port" --dir "$work/one" \
  > "$work/gust.log" 2>&1 &
gust=$!
trap 'kill $gust $origin $ngx 2>/dev/null; rm -rf "$work"' EXIT
await_url "http://127.0.0.1:$gust_port/hello"
await_url "http://127.0.0.1:$nginx_port/small"
await_url "http://127.0.0.1:$one_port/f1k.bin"
h2_url="https://127.0.0.1:$h2_port/small"
if has h2; then
  await_url --cacert "$work/cert.pem" --http2 "$h2_url"
fi
small="http://127.0.0.1:$nginx_port/small"
big="http://127.0.0.1:$nginx_port/1m"
mkdir -p "$root/samples/target"
results="$root/samples/target/compare-results.jsonl"
: > "$results"

# wrk's requests/s, p99 (in ms) and CPU µs per request as one JSON line.
wrk_json() { # workload name connections url
  /usr/bin/time -f "%U %S" -o "$work/wrk.cpu" wrk -t 2 -c "$3" -d "$seconds" --latency "$4" \
    > "$work/wrk.out"
  awk -v w="$1" -v n="$2" -v cpu="$(tail -1 "$work/wrk.cpu")" '
    / requests in / { count = $1 }
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; m = 1; if (v ~ /us$/) m = 0.001; if (v ~ /[^m]s$/) m = 1000;
                  gsub(/[a-z]/, "", v); p99 = v * m }
    END { split(cpu, t, " ")
          printf "{\"workload\":\"%s\",\"client\":\"%s\",\"requestsPerSecond\":%s,", w, n, rps
          printf "\"cpuMicrosPerRequest\":%.2f,", (t[1] + t[2]) * 1e6 / count
          printf "\"latencyMillis\":{\"p99\":%s}}\n", p99 }' "$work/wrk.out"
}

run_bench() { # workload client connections url [bench options...]; JAVA_OPTS: more JVM options
  w=$1 cl=$2 n=$3 u=$4
  shift 4
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  java -Xms1g -Xmx1g ${JAVA_OPTS:-} -jar "$jar" bench -c "$n" -d "$seconds" \
    --warmup "$warmup" --json --client "$cl" "$@" "$u" 2> /dev/null \
    | sed "s/^{/{\"workload\":\"$w\",/"
}

# The servers get the clients' warm-up too: the companion server's JIT compiles under load.
if has small; then
  echo "warm-up: servers" >&2
  for u in "http://127.0.0.1:$gust_port/hello" "http://127.0.0.1:$gust_port/f1k.bin" \
    "http://127.0.0.1:$one_port/small" "http://127.0.0.1:$one_port/f1k.bin"; do
    wrk -t 2 -c 64 -d "$warmup" "$u" > /dev/null
  done
fi

for round in $(seq "$rounds"); do
  for workload in small big; do
    has "$workload" || continue
    if [ "$workload" = small ]; then url=$small; c=64; else url=$big; c=16; fi
    echo "round $round: $workload wrk" >&2
    wrk_json "$workload" wrk "$c" "$url" >> "$results"
    for client in $clients; do
      echo "round $round: $workload $client" >&2
      run_bench "$workload" "$client" "$c" "$url" >> "$results" || echo "  $client failed" >&2
    done
    if [ "$workload" = big ] && case " $clients " in *" gust "*) true ;; *) false ;; esac; then
      echo "round $round: big gust-stream" >&2
      JAVA_OPTS=-Dgust.bench.body=stream run_bench big gust 16 "$url" \
        | sed 's/"client":"gust"/"client":"gust-stream"/' >> "$results" \
        || echo "  gust-stream failed" >&2
    fi
  done
  if has h2; then
    for client in $h2_clients; do
      echo "round $round: h2 $client" >&2
      run_bench h2 "$client" 64 "$h2_url" --http2 --cacert "$work/cert.pem" >> "$results" \
        || echo "  $client failed" >&2
    done
    echo "round $round: h1tls gust" >&2
    run_bench h1tls gust 64 "$h2_url" --cacert "$work/cert.pem" >> "$results" \
      || echo "  gust failed" >&2
  fi
  has small || continue
  for server in gust-server nginx; do
    echo "round $round: server $server" >&2
    url="http://127.0.0.1:$one_port/small" files="http://127.0.0.1:$one_port/f1k.bin"
    if [ "$server" = gust-server ]; then
      url="http://127.0.0.1:$gust_port/hello" files="http://127.0.0.1:$gust_port/f1k.bin"
    fi
    wrk_json server "$server" 64 "$url" >> "$results"
    wrk_json file "$server" 64 "$files" >> "$results"
  done
done

if [ "$hold" -gt 0 ]; then
  for client in $clients; do
    echo "held: $client" >&2
    # shellcheck disable=SC2086 # HOLD_JAVA_OPTS is a list of options
    /usr/bin/time -f "%M" -o "$work/hold.rss" java ${HOLD_JAVA_OPTS:--Xmx1g} -jar "$jar" bench \
      --hold "$hold" --sample 3 --json --client "$client" \
      "http://127.0.0.1:$gust_port/delay/5000" 2> /dev/null > "$work/hold.json" \
      || echo "  $client failed" >&2
    sed "s/^{/{\"workload\":\"hold\",\"client\":\"$client\",\"peakRssKiB\":$(tail -1 "$work/hold.rss"),/" \
      "$work/hold.json" >> "$results"
  done
fi

versions="$(java -jar "$jar" bench --versions 2> /dev/null), $(nginx -v 2>&1 | sed "s/.*version: //"), wrk $(wrk -v 2>&1 | head -1 | cut -d" " -f2)"
load="$load_start -> $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
python3 - "$results" "$rounds" "$seconds" "$versions" "$load" <<'PY'
import json, statistics, sys, datetime
path, rounds, seconds, versions, load = sys.argv[1:6]
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
if "gust-stream" in order:  # beside gust
    order.remove("gust-stream")
    order.insert(order.index("gust") + 1 if "gust" in order else 0, "gust-stream")
def bad(workload, client):
    return any(r.get("errors", 0) or r.get("non2xx", 0) or r.get("failed", 0) for r in rows
               if r["workload"] == workload and r["client"] == client)
def cell(v, fmt, mark=False):
    return "—" if v is None else fmt.format(v) + (" !" if mark else "")
print(f"Measured {datetime.date.today().isoformat()}, {rounds} interleaved rounds of {seconds} s, "
      "medians; nginx 2 workers on loopback, keep-alive.")
if versions:
    print(f"Versions: {versions}")
print(f"Load average (1, 5, 15 min) at the start -> at the end: {load}")
print()
if order:
    print("| workload | " + " | ".join(order) + " |")
    print("|---|" + "---|" * len(order))
    print("| small GET, 64 in flight: requests/s | " + " | ".join(cell(pick("small", c, "requestsPerSecond"), "{:,.0f}", bad("small", c)) for c in order) + " |")
    print("| small GET: p99 ms | " + " | ".join(cell(pick("small", c, "p99"), "{:.2f}") for c in order) + " |")
    print("| small GET: bytes allocated per request | " + " | ".join(cell(pick("small", c, "bytesPerRequest"), "{:,.0f}") for c in order) + " |")
    print("| small GET: client CPU µs per request | " + " | ".join(cell(pick("small", c, "cpuMicrosPerRequest"), "{:.1f}") for c in order) + " |")
    print("| 1 MiB GET, 16 in flight: MiB/s | " + " | ".join(cell(pick("big", c, "requestsPerSecond"), "{:,.0f}", bad("big", c)) for c in order) + " |")
    print("| 1 MiB GET: p99 ms | " + " | ".join(cell(pick("big", c, "p99"), "{:.1f}") for c in order) + " |")
    print("| 1 MiB GET: bytes allocated per response | " + " | ".join(cell(pick("big", c, "bytesPerRequest"), "{:,.0f}") for c in order) + " |")
    print("| 1 MiB GET: client CPU µs per response | " + " | ".join(cell(pick("big", c, "cpuMicrosPerRequest"), "{:.0f}") for c in order) + " |")
    if any(r["workload"] == "hold" for r in rows):
        count = next(r["hold"] for r in rows if r["workload"] == "hold")
        print(f"| {count:,} held requests: heap bytes per request | " + " | ".join(cell(pick("hold", c, "heapBytesPerRequest"), "{:,.0f}", bad("hold", c)) for c in order) + " |")
        print(f"| {count:,} held requests: JVM threads | " + " | ".join(cell(pick("hold", c, "threads"), "{:,.0f}") for c in order) + " |")
        print(f"| {count:,} held requests: peak RSS MiB | " + " | ".join(cell(None if pick("hold", c, "peakRssKiB") is None else pick("hold", c, "peakRssKiB") / 1024, "{:,.0f}") for c in order) + " |")
    print()
if any(r["workload"] == "server" for r in rows):
    print("| server under wrk, 64 connections | gust-server (one loop) | nginx (one worker) |")
    print("|---|---|---|")
    for w, label in (("server", "6-byte route"), ("file", "1 KiB static file")):
        print(f"| {label}: requests/s | " + " | ".join(cell(pick(w, s, "requestsPerSecond"), "{:,.0f}") for s in ("gust-server", "nginx")) + " |")
        print(f"| {label}: p99 ms | " + " | ".join(cell(pick(w, s, "p99"), "{:.2f}") for s in ("gust-server", "nginx")) + " |")

h2_order = [c for c in dict.fromkeys(r["client"] for r in rows if r["workload"] == "h2")]
if h2_order:
    cols = [("h2", c, c + " h2") for c in h2_order] + [("h1tls", "gust", "gust HTTP/1.1, 64 connections")]
    print()
    print("| small GET over TLS, 64 in flight | " + " | ".join(t for _, _, t in cols) + " |")
    print("|---|" + "---|" * len(cols))
    print("| requests/s | " + " | ".join(cell(pick(w, c, "requestsPerSecond"), "{:,.0f}", bad(w, c)) for w, c, _ in cols) + " |")
    print("| p99 ms | " + " | ".join(cell(pick(w, c, "p99"), "{:.2f}") for w, c, _ in cols) + " |")
    print("| bytes allocated per request | " + " | ".join(cell(pick(w, c, "bytesPerRequest"), "{:,.0f}") for w, c, _ in cols) + " |")
    print("| client CPU µs per request | " + " | ".join(cell(pick(w, c, "cpuMicrosPerRequest"), "{:.1f}") for w, c, _ in cols) + " |")
PY
