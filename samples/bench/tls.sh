#!/bin/sh
# HTTPS beside compare.sh's plaintext table: every client and wrk against nginx with TLS, in
# interleaved rounds, written as a markdown table.
#
#   samples/bench/tls.sh [SECONDS] [ROUNDS] [WARMUP_SECONDS] > table.md
#
# Needs nginx, wrk, openssl and python3, and a samples jar built with the peers profile:
# mvn -B -q -pl client-core,client-resolver,samples -am package -DskipTests -Ppeers
# (or CLIENTS="gust jdk okhttp" with the default jar).
#
# What it runs, all on loopback:
# - A self-signed server certificate (not a CA) for localhost and 127.0.0.1 made by openssl req
#   -x509 in a temporary directory (KEY=ec, the default: ECDSA P-256; KEY=rsa: RSA 2048),
#   trusted by every client through bench --cacert.
# - nginx, 2 workers, TLS 1.2 and 1.3 allowed (the clients and nginx pick the version and
#   cipher), /small answering "hello\n" from memory, on three ports: keep-alive; one that logs
#   every request's connection, protocol, cipher, group and whether the session was resumed;
#   and one like it that refuses resumption (no session tickets, no session cache).
# - Per round, every client of bench (gust jdk okhttp jetty apache ahc, each in its own JVM,
#   -Xmx1g) and wrk in turns: small GET at 64 in flight over keep-alive connections; small GET
#   at 16 in flight with --new-connections (Connection: close on each request, so each request
#   is one handshake; wrk sends the same header), with resumption allowed and refused. The
#   table shows each figure's median over the rounds.
# - The companion server (serve --tls, one loop, the same certificate) against nginx under wrk:
#   64 keep-alive connections, and 16 connections with Connection: close (handshakes/s).
# The logged ports let the table say what was negotiated, how many requests shared a connection
# (1.0 when each request really had its own) and how many handshakes resumed a session.
# A cell marked "!" had errors or non-2xx answers in some round. Progress goes to stderr, the
# table to stdout, every run's JSON line to samples/target/tls-results.jsonl.
set -eu
seconds=${1:-5}
rounds=${2:-3}
warmup=${3:-3}
clients=${CLIENTS:-"gust jdk okhttp jetty apache ahc"}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/samples/target/gust-samples.jar"
if [ -z "${CLIENTS:-}" ] && ! unzip -l "$jar" 2>/dev/null | grep -q 'io/gust/samples/PeerJetty.class'; then
  echo "tls.sh: $jar lacks the peers; build it with -Ppeers (see the header) or set CLIENTS" >&2
  exit 2
fi
load_start=$(cut -d" " -f1-3 /proc/loadavg)
work=$(mktemp -d)
port=18101      # plain http, unused here but part of the shared origin
ka_port=18102   # https, keep-alive
new_port=18103  # https, every request logged
full_port=18104 # https, logged, no resumption
gust_port=18105 # serve --tls
if [ "${KEY:-ec}" = rsa ]; then newkey="rsa:2048"; else newkey="ec -pkeyopt ec_paramgen_curve:prime256v1"; fi
# shellcheck disable=SC2086 # $newkey is several words on purpose
openssl req -x509 -newkey $newkey -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -addext "basicConstraints=critical,CA:FALSE" -addext "extendedKeyUsage=serverAuth" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2> /dev/null
touch "$work/new.log" "$work/full.log" "$work/ka.log"
chmod 644 "$work/key.pem" "$work/"*.log # nginx workers run as another user
NGINX_HTTP="
  ssl_certificate $work/cert.pem;
  ssl_certificate_key $work/key.pem;
  ssl_protocols TLSv1.2 TLSv1.3;
  log_format tls '\$connection \$connection_requests \$ssl_protocol \$ssl_cipher \$ssl_curve \$ssl_session_reused';
  map \$connection_requests \$first_on_connection { 1 1; default 0; }
  server {
    listen 127.0.0.1:$ka_port ssl;
    access_log $work/ka.log tls if=\$first_on_connection;
    location = /small { default_type text/plain; return 200 \"hello\\n\"; }
  }
  server {
    listen 127.0.0.1:$new_port ssl;
    access_log $work/new.log tls;
    location = /small { default_type text/plain; return 200 \"hello\\n\"; }
  }
  server {
    listen 127.0.0.1:$full_port ssl;
    ssl_session_tickets off;
    ssl_session_cache off;
    access_log $work/full.log tls;
    location = /small { default_type text/plain; return 200 \"hello\\n\"; }
  }"
. "$root/samples/bench/nginx-origin.sh"
start_nginx "$work" "$port"
java -Xms256m -Xmx256m -jar "$jar" serve --port "$gust_port" --tls --cert "$work/cert.pem" \
  --key "$work/key.pem" > "$work/gust.log" 2>&1 &
gust=$!
trap 'kill $gust $ngx 2>/dev/null; rm -rf "$work"' EXIT
await_url -k "https://127.0.0.1:$gust_port/hello"
await_url --cacert "$work/cert.pem" "https://127.0.0.1:$ka_port/small"
# The companion server's JVM starts cold: warm its JIT and TLS code as bench warms a client's.
wrk -t 2 -c 64 -d "$warmup" "https://127.0.0.1:$gust_port/hello" > /dev/null
wrk -t 2 -c 16 -d "$warmup" -H "Connection: close" "https://127.0.0.1:$gust_port/hello" > /dev/null
mkdir -p "$root/samples/target"
results="$root/samples/target/tls-results.jsonl"
: > "$results"

# wrk's requests/s and p99 (in ms) as the start of a JSON line; extra wrk flags after the URL.
wrk_json() { # connections url [wrk flags...]
  c=$1; url=$2; shift 2
  wrk -t 2 -c "$c" -d "$seconds" --latency "$@" "$url" | awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; m = 1; if (v ~ /us$/) m = 0.001; if (v ~ /[^m]s$/) m = 1000;
                  gsub(/[a-z]/, "", v); p99 = v * m }
    END { printf "{\"client\":\"wrk\",\"requestsPerSecond\":%s,\"latencyMillis\":{\"p99\":%s}}\n", rps, p99 }'
}

# What the log lines a run added say: lines, requests per connection, resumed share, and the
# most common protocol, cipher and group; as JSON fields.
log_stats() { # log first-line
  tail -n +"$2" "$1" | awk '
    { n++; conns[$1] = 1; if ($6 == "r") r++; k = $3 " " $4 " " $5; seen[k]++ }
    END { c = 0; for (x in conns) c++; best = ""; most = 0
          for (k in seen) if (seen[k] > most) { most = seen[k]; best = k }
          printf "\"logged\":%d,\"requestsPerConnection\":%.2f,\"resumed\":%.3f,\"tls\":\"%s\"",
                 n, c ? n / c : 0, n ? r / n : 0, best }'
}

run_one() { # workload client url connections log [bench flags...]
  workload=$1; client=$2; url=$3; c=$4; log=$5; shift 5
  from=$(( $(wc -l < "$log") + 1 ))
  if [ "$client" = wrk ]; then
    close=""; [ "$workload" = ka ] || close="Connection: close"
    if [ -n "$close" ]; then line=$(wrk_json "$c" "$url" -H "$close"); else line=$(wrk_json "$c" "$url"); fi
  else
    line=$(java -Xms1g -Xmx1g -jar "$jar" bench -c "$c" -d "$seconds" --warmup "$warmup" --json \
      --cacert "$work/cert.pem" --client "$client" "$@" "$url" 2> /dev/null) || true
  fi
  if [ -z "$line" ]; then echo "  $client failed" >&2; return; fi
  # The warm-up's lines are in the log too; the share and ratios do not depend on it.
  echo "$line" | sed "s/^{/{\"workload\":\"$workload\",$(log_stats "$log" "$from"),/" >> "$results"
}

for round in $(seq "$rounds"); do
  for workload in ka new full; do
    case $workload in
      ka) url="https://127.0.0.1:$ka_port/small"; c=64; log="$work/ka.log"; flags="" ;;
      new) url="https://127.0.0.1:$new_port/small"; c=16; log="$work/new.log"; flags="--new-connections" ;;
      full) url="https://127.0.0.1:$full_port/small"; c=16; log="$work/full.log"; flags="--new-connections" ;;
    esac
    for client in wrk $clients; do
      echo "round $round: $workload $client" >&2
      # shellcheck disable=SC2086 # $flags is empty or one flag
      run_one "$workload" "$client" "$url" "$c" "$log" $flags
    done
  done
  for server in gust-server nginx; do
    echo "round $round: server $server" >&2
    url="https://127.0.0.1:$ka_port/small"
    [ "$server" = gust-server ] && url="https://127.0.0.1:$gust_port/hello"
    wrk_json 64 "$url" | sed "s/^{\"client\":\"wrk\"/{\"workload\":\"server\",\"client\":\"$server\"/" >> "$results"
    wrk_json 16 "$url" -H "Connection: close" \
      | sed "s/^{\"client\":\"wrk\"/{\"workload\":\"server-new\",\"client\":\"$server\"/" >> "$results"
  done
done

load_end=$(cut -d" " -f1-3 /proc/loadavg)
versions="$(java -jar "$jar" bench --versions 2> /dev/null), $(nginx -v 2>&1 | sed "s/.*version: //") with $(openssl version | cut -d" " -f1-2), wrk $(wrk -v 2>&1 | head -1 | cut -d" " -f2)"
python3 - "$results" "$rounds" "$seconds" "$warmup" "$versions" "$load_start" "$load_end" "${KEY:-ec}" <<'PY'
import json, statistics, sys, datetime, collections
path, rounds, seconds, warmup, versions, load_start, load_end, key = sys.argv[1:9]
rows = [json.loads(line) for line in open(path) if line.strip()]
def values(workload, client, key):
    out = []
    for r in rows:
        if r["workload"] == workload and r["client"] == client:
            v = r["latencyMillis"]["p99"] if key == "p99" else r.get(key)
            if v is not None:
                out.append(v)
    return out
def pick(workload, client, key):
    v = values(workload, client, key)
    return statistics.median(v) if v else None
def bad(workload, client):
    return any(r.get("errors", 0) or r.get("non2xx", 0) for r in rows
               if r["workload"] == workload and r["client"] == client)
def cell(v, fmt, mark=False):
    return "—" if v is None else fmt.format(v) + (" !" if mark else "")
def tls(workload, client):
    seen = collections.Counter(r.get("tls") for r in rows
                               if r["workload"] == workload and r["client"] == client and r.get("tls"))
    return seen.most_common(1)[0][0] if seen else "—"
order = []
for r in rows:
    if r["workload"] in ("ka", "new", "full") and r["client"] not in order:
        order.append(r["client"])
keytext = "ECDSA P-256" if key == "ec" else "RSA 2048"
print(f"Measured {datetime.date.today().isoformat()}, {rounds} interleaved rounds of {seconds} s after "
      f"{warmup} s of warm-up, medians; nginx 2 workers on loopback, TLS 1.2 and 1.3 allowed, "
      f"{keytext} certificate; load average {load_start} at the start, {load_end} at the end.")
print(f"Versions: {versions}")
print()
print("| workload | " + " | ".join(order) + " |")
print("|---|" + "---|" * len(order))
def row(label, workload, key, fmt, mark=False, scale=1):
    cells = []
    for c in order:
        v = pick(workload, c, key)
        cells.append(cell(None if v is None else v * scale, fmt, mark and bad(workload, c)))
    print(f"| {label} | " + " | ".join(cells) + " |")
row("keep-alive, 64 in flight: requests/s", "ka", "requestsPerSecond", "{:,.0f}", True)
row("keep-alive: p99 ms", "ka", "p99", "{:.2f}")
row("keep-alive: bytes allocated per request", "ka", "bytesPerRequest", "{:,.0f}")
row("keep-alive: client CPU µs per request", "ka", "cpuMicrosPerRequest", "{:.1f}")
for workload, what in (("new", "resumption allowed"), ("full", "resumption refused")):
    row(f"new connection per request, {what}, 16 in flight: handshakes/s", workload,
        "requestsPerSecond", "{:,.0f}", True)
    row(f"↳ {what}: p99 ms", workload, "p99", "{:.2f}")
    row(f"↳ {what}: bytes allocated per request", workload, "bytesPerRequest", "{:,.0f}")
    row(f"↳ {what}: client CPU µs per request", workload, "cpuMicrosPerRequest", "{:.0f}")
    row(f"↳ {what}: requests per connection (nginx log)", workload, "requestsPerConnection", "{:.2f}")
    row(f"↳ {what}: handshakes resumed %", workload, "resumed", "{:.0f}", scale=100)
print("| negotiated (nginx log): protocol cipher group | " + " | ".join(tls("new", c) for c in order) + " |")
print()
print("| companion server under wrk, 6-byte body | keep-alive, 64 connections: requests/s | p99 ms | Connection: close, 16 connections: handshakes/s | p99 ms |")
print("|---|---|---|---|---|")
for s in ("gust-server", "nginx"):
    print(f"| {s} | {cell(pick('server', s, 'requestsPerSecond'), '{:,.0f}')} | "
          f"{cell(pick('server', s, 'p99'), '{:.2f}')} | "
          f"{cell(pick('server-new', s, 'requestsPerSecond'), '{:,.0f}')} | "
          f"{cell(pick('server-new', s, 'p99'), '{:.2f}')} |")
PY
