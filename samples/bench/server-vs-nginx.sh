#!/bin/sh
# Requests/s of the companion server against nginx (one worker, sendfile on), with wrk at 64
# keep-alive connections, in the same run, for two rows: /hello (nginx answers the same body from
# memory with return 200) and /f1k.bin, a 1 KiB file both serve from one directory (serve --dir). Needs wrk and nginx (Debian packages)
# and a built samples jar (mvn -B -o package -DskipTests).
# The servers take turns for ROUNDS rounds, so that load from elsewhere hits both alike.
# Usage: samples/bench/server-vs-nginx.sh [DURATION_SECONDS] [THREADS] [ROUNDS]
set -eu
duration=${1:-10}
threads=${2:-2}
rounds=${3:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/samples/target/gust-samples.jar"
work=$(mktemp -d)
mkdir "$work/site"
head -c 1024 /dev/urandom > "$work/site/f1k.bin"
chmod 755 "$work" "$work/site"; chmod 644 "$work/site/f1k.bin" # nginx may run as another user
gust_port=18080
nginx_port=18081
cat > "$work/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
error_log $work/error.log;
pid $work/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  server_tokens off;
  keepalive_requests 1000000;
  sendfile on;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/site;
    location = /hello { default_type text/plain; return 200 "hello\\n"; }
  }
}
CONF
java -Xms256m -Xmx256m -jar "$jar" serve --port "$gust_port" --dir "$work/site" > "$work/gust.log" 2>&1 &
gust=$!
nginx -c "$work/nginx.conf" -p "$work" &
ngx=$!
trap 'kill $gust $ngx 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$gust_port/hello" > /dev/null 2>&1 && curl -fs "http://127.0.0.1:$nginx_port/hello" > /dev/null 2>&1 && break
  sleep 0.2
done
# Warm the JIT, then measure each server in turn.
for path in /hello /f1k.bin; do
  wrk -t "$threads" -c 64 -d 5 "http://127.0.0.1:$gust_port$path" > /dev/null
done
for round in $(seq "$rounds"); do
  for path in /hello /f1k.bin; do
    for name in gust nginx; do
      port=$gust_port; [ "$name" = nginx ] && port=$nginx_port
      rps=$(wrk -t "$threads" -c 64 -d "$duration" "http://127.0.0.1:$port$path" | awk '/Requests\/sec/ {print $2}')
      echo "round $round: $path $name $rps requests/s"
    done
  done
done
