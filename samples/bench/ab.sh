#!/bin/sh
# Before/after of one change to Gust: two samples jars take turns driving the same nginx, so that
# load from elsewhere hits both alike; prints each round and the medians.
#
#   samples/bench/ab.sh BEFORE.jar AFTER.jar [SECONDS] [ROUNDS] [URL_PATH] [IN_FLIGHT]
#
# Defaults: 5 s after a 3 s warm-up, 5 rounds, /small at 64 in flight (/1m for the 1 MiB body).
# Starts its own nginx (2 workers) like compare.sh; needs nginx and python3.
set -eu
before=$1
after=$2
seconds=${3:-5}
rounds=${4:-5}
path=${5:-/small}
inflight=${6:-64}
work=$(mktemp -d)
port=18092
. "$(dirname "$0")/nginx-origin.sh"
start_nginx "$work" "$port"
trap 'kill $ngx 2>/dev/null; rm -rf "$work"' EXIT
await_url "http://127.0.0.1:$port/small"
for round in $(seq "$rounds"); do
  for side in before after; do
    jar=$before; [ "$side" = after ] && jar=$after
    java -Xms1g -Xmx1g -jar "$jar" bench -c "$inflight" -d "$seconds" --warmup 3 --json \
      "http://127.0.0.1:$port$path" 2> /dev/null | sed "s/^{/{\"side\":\"$side\",\"round\":$round,/"
  done
done > "$work/rows.jsonl"
python3 - "$work/rows.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def line(label, rps, p99, bpr, extra=""):
    print(f"{label:16} {rps:10,.0f} req/s  p99 {p99:7.2f} ms  {bpr:9,.0f} B/req{extra}")
for r in rows:
    line(f"round {r['round']} {r['side']}", r["requestsPerSecond"], r["latencyMillis"]["p99"],
         r["bytesPerRequest"], f"  errors {r['errors']}")
for side in ("before", "after"):
    mine = [r for r in rows if r["side"] == side]
    line(f"median {side}", statistics.median(r["requestsPerSecond"] for r in mine),
         statistics.median(r["latencyMillis"]["p99"] for r in mine),
         statistics.median(r["bytesPerRequest"] for r in mine))
PY
