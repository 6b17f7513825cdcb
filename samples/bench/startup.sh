#!/usr/bin/env bash
# Start-up of `gust fetch` on a small local URL: the launcher (class data sharing archive, quick
# compiler) against plain `java -jar`, median of 10 runs each after 2 warm-up runs. Needs
# `mvn -B -q package -DskipTests` first; uses hyperfine when installed, else a date loop.
set -euo pipefail
cd "$(dirname "$0")/../.."
dist=$(ls -d samples/target/gust-*/gust-*/ | head -1)
jar=samples/target/gust-samples.jar
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
head -c 100 /dev/zero | tr '\0' x > "$work/small"
java -jar "$jar" serve --port 0 --dir "$work" > "$work/serve.out" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q '^serving on' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(awk '/^serving on/ { print $3 }' "$work/serve.out")small
"$dist/bin/gust" fetch -s "$url" > /dev/null   # makes the archive if the build did not
if command -v hyperfine > /dev/null; then
  hyperfine -N -w 2 -r 10 "$dist/bin/gust fetch -s $url" "java -jar $jar fetch -s $url"
  exit
fi
for command in "$dist/bin/gust" "java -jar $jar"; do
  for _ in 1 2; do $command fetch -s "$url" > /dev/null; done
  for _ in $(seq 10); do
    start=$(date +%s%N); $command fetch -s "$url" > /dev/null; end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | sort -n | awk -v c="$command" '{ a[NR] = $1 } END { print c ": median " (a[5] + a[6]) / 2 " ms" }'
done
