# Sourced by compare.sh, ab.sh, loops.sh and tls.sh: start_nginx WORK PORT writes into WORK a 1 MiB
# file and an nginx config (WORKERS workers, default 2, keep-alive, /small answering "hello\n"
# from memory, /1m the file) listening on 127.0.0.1:PORT, plus whatever NGINX_HTTP holds (more
# directives and server blocks for the http block, such as tls.sh's), starts nginx in the
# background (under the command in NGINX_PIN, such as "taskset -c 1", when set) and sets $ngx to
# its pid.
start_nginx() {
  head -c 1048576 /dev/zero > "$1/1m"
  chmod 755 "$1"; chmod 644 "$1/1m" # nginx workers run as another user
  cat > "$1/nginx.conf" <<CONF
daemon off;
worker_processes ${WORKERS:-2};
error_log $1/error.log;
pid $1/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  sendfile on;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  server {
    listen 127.0.0.1:$2;
    root $1;
    location = /small { default_type text/plain; return 200 "hello\\n"; }
    location = /1m { default_type application/octet-stream; }
  }
${NGINX_HTTP:-}
}
CONF
  ${NGINX_PIN:-} nginx -c "$1/nginx.conf" -p "$1" &
  ngx=$!
}

# await_url [CURL_OPTIONS...] URL: returns once curl gets a 2xx from URL, trying for up to 10 s;
# fails with a message when it never does.
await_url() {
  for _ in $(seq 50); do
    curl -fs "$@" > /dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "$(basename "$0"): no answer from $*" >&2
  return 1
}
