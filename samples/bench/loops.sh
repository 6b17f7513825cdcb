#!/bin/sh
# Does an EventLoopGroup of 2 loops scale Gust's small GET? One loop against two, in turns, in
# two placements, as a markdown table:
#
#   samples/bench/loops.sh [SECONDS] [ROUNDS] > table.md
#
# - pinned: nginx (one worker) on core 1, the client JVM on core 0 (taskset). The server has a
#   core of its own, the client one core for however many loops it runs.
# - shared: nginx (two workers) and the client free to use both cores.
# Each cell is the median over ROUNDS runs of 5 s (default) after a 5 s warm-up, 64 in flight,
# with the client JVM's CPU use (cores busy) beside it. Needs nginx, taskset, python3 and the
# samples jar; on a machine with more cores, edit the core lists below.
set -eu
seconds=${1:-5}
rounds=${2:-3}
client_cores=${CLIENT_CORES:-0}
server_core=${SERVER_CORE:-1}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/samples/target/gust-samples.jar"
work=$(mktemp -d)
port=18093
. "$root/samples/bench/nginx-origin.sh"
ngx=
trap 'kill $ngx 2>/dev/null; rm -rf "$work"' EXIT


for placement in pinned shared; do
  mkdir -p "$work/$placement"
  if [ "$placement" = pinned ]; then
    WORKERS=1 NGINX_PIN="taskset -c $server_core" start_nginx "$work/$placement" "$port"
    await_url "http://127.0.0.1:$port/small"
    pin="taskset -c $client_cores"
  else
    start_nginx "$work/$placement" "$port"
    await_url "http://127.0.0.1:$port/small"
    pin=
  fi
  for round in $(seq "$rounds"); do
    for loops in 1 2; do
      echo "$placement round $round: $loops loop(s)" >&2
      $pin java -Xms1g -Xmx1g -jar "$jar" bench -c 64 -d "$seconds" --warmup 5 --loops "$loops" \
        --json "http://127.0.0.1:$port/small" 2> /dev/null \
        | sed "s/^{/{\"placement\":\"$placement\",\"loops\":$loops,/" >> "$work/rows.jsonl"
    done
  done
  kill "$ngx"
  wait "$ngx" 2> /dev/null || true
  ngx=
done

python3 - "$work/rows.jsonl" "$rounds" "$seconds" <<'PY'
import json, statistics, sys, datetime
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def med(placement, loops, key):
    return statistics.median(r[key] for r in rows
                             if r["placement"] == placement and r["loops"] == loops)
print(f"Measured {datetime.date.today().isoformat()}, {sys.argv[2]} rounds of {sys.argv[3]} s "
      "in turns, medians; small GET from nginx, 64 in flight.")
print()
print("| placement | loops | requests/s | p99 ms | client cores busy | client CPU µs/request |")
print("|---|---|---|---|---|---|")
for placement, label in (("pinned", "nginx 1 worker on core 1, client on core 0"),
                         ("shared", "nginx 2 workers and client on both cores")):
    for loops in (1, 2):
        p99 = statistics.median(r["latencyMillis"]["p99"] for r in rows
                                if r["placement"] == placement and r["loops"] == loops)
        print(f"| {label} | {loops} | {med(placement, loops, 'requestsPerSecond'):,.0f} | "
              f"{p99:.2f} | {med(placement, loops, 'coresBusy'):.2f} | "
              f"{med(placement, loops, 'cpuMicrosPerRequest'):.1f} |")
PY
