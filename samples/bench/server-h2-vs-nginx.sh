#!/bin/sh
# Requests/s of the companion server against nginx (one worker, http2 on) over HTTP/2 on TLS, with
# h2load: small GETs of /hello (nginx answers the same body from memory with return 200), 64
# streams in flight on each of CONNECTIONS connections, in the same run. Needs h2load
# (nghttp2-client), nginx and openssl (Debian packages) and a built samples jar
# (mvn -B -o package -DskipTests). The servers take turns for ROUNDS rounds, so that load from
# elsewhere hits both alike.
# Usage: samples/bench/server-h2-vs-nginx.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]
set -eu
duration=${1:-10}
connections=${2:-1}
rounds=${3:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/samples/target/gust-samples.jar"
work=$(mktemp -d)
chmod 755 "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2> /dev/null
chmod 644 "$work/key.pem" "$work/cert.pem"
gust_port=18443
nginx_port=18444
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
  http2_max_concurrent_streams 128;
  server {
    listen 127.0.0.1:$nginx_port ssl http2;
    ssl_certificate $work/cert.pem;
    ssl_certificate_key $work/key.pem;
    location = /hello { default_type text/plain; return 200 "hello\\n"; }
  }
}
CONF
java -Xms256m -Xmx256m -jar "$jar" serve --port "$gust_port" --tls --cert "$work/cert.pem" \
  --key "$work/key.pem" --max-streams 128 > "$work/gust.log" 2>&1 &
gust=$!
nginx -c "$work/nginx.conf" -p "$work" &
ngx=$!
trap 'kill $gust $ngx 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  curl -kfs --http2 "https://127.0.0.1:$gust_port/hello" > /dev/null 2>&1 \
    && curl -kfs --http2 "https://127.0.0.1:$nginx_port/hello" > /dev/null 2>&1 && break
  sleep 0.2
done
# Warm the JIT, then measure each server in turn.
h2load -c "$connections" -m 64 -D 5 "https://127.0.0.1:$gust_port/hello" > /dev/null
for round in $(seq "$rounds"); do
  for name in gust nginx; do
    port=$gust_port; [ "$name" = nginx ] && port=$nginx_port
    h2load -c "$connections" -m 64 -D "$duration" "https://127.0.0.1:$port/hello" > "$work/out"
    rps=$(awk '/^finished in/ {print $4}' "$work/out")
    ok=$(awk '/^requests:/ {print $8, "succeeded,", $10, "failed"}' "$work/out")
    latency=$(awk '/^time for request:/ {print "mean", $6, "sd", $7}' "$work/out")
    echo "round $round: /hello $name $rps requests/s ($ok; request time $latency)"
  done
done
