# Shared helpers for the scripts in ops/ (sourced, not run).

die() { echo "error: $*" >&2; exit 1; }

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi
}

# Installs Debian packages that are missing (by the command they provide).
ensure_packages() {
  local missing=()
  while [ $# -gt 0 ]; do
    command -v "$1" >/dev/null 2>&1 || missing+=("$2")
    shift 2
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} (apt-get)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
  local port=$1 what=$2 tries=${3:-100}
  for _ in $(seq "$tries"); do port_open "$port" && return 0; sleep 0.2; done
  die "$what did not listen on 127.0.0.1:$port"
}

# The server instance ops/ scripts run: its own base directory (configuration, deployments, data, logs) next to
# the provisioned, untouched target/server, which the integration tests use. Re-copied from the provisioned server
# after a rebuild; otherwise kept, so changes an operator makes in the console survive restarts.
PROVISIONED_BASE=target/server/standalone
instance_base() { echo "target/run/${1:-node-0}"; }

prepare_base() { # base-dir
  local base=$1
  if [ ! -f "$base/configuration/standalone.xml" ] || [ "$PROVISIONED_BASE/configuration/standalone.xml" -nt "$base/configuration/standalone.xml" ]; then
    rm -rf "$base/configuration"
    mkdir -p "$base"
    cp -r "$PROVISIONED_BASE/configuration" "$base/configuration"
  fi
  mkdir -p "$base/deployments" "$base/data" "$base/log"
}

prepare_instance() {
  local base
  base=$(instance_base "${1:-}")
  prepare_base "$base"
  echo "$base"
}

# --- Processes the scripts start and stop ------------------------------------------------------------------
# Each runs in its own session (process group), so that stopping it stops its children too: standalone.sh runs the
# JVM as a child and does not pass a TERM on. Its pid is kept in $PROCESS_DIR/<name>.pid, so that another run of the
# same script (ops/cluster stop, kill-node) finds it.
spawn() { # name logfile|- command…  ("-": the output stays on this terminal)
  local name=$1 logfile=$2
  shift 2
  if [ "$logfile" = - ]; then
    setsid "$@" < /dev/null &
  else
    setsid "$@" >"$logfile" 2>&1 < /dev/null &
  fi
  echo $! > "$PROCESS_DIR/$name.pid"
}
pid_of() { [ -f "$PROCESS_DIR/$1.pid" ] && cat "$PROCESS_DIR/$1.pid"; }
# The whole group: standalone.sh dies at once on a TERM, its JVM only when it has shut down.
alive() { local pid; pid=$(pid_of "$1") && { kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null; }; }
signal_group() { # name signal
  local pid
  pid=$(pid_of "$1") || return 0
  # Disowned first: bash would otherwise print "Killed" / "Terminated" for each process a script stops on purpose.
  disown "$pid" 2>/dev/null || true
  kill "-$2" -- "-$pid" 2>/dev/null || kill "-$2" "$pid" 2>/dev/null || true
}
stop_process() { # name [seconds before SIGKILL]
  local name=$1 wait=${2:-20}
  alive "$name" || { rm -f "$PROCESS_DIR/$name.pid"; return 0; }
  # A stopped process (a chaos scenario's SIGSTOP) handles the TERM only once it runs again.
  signal_group "$name" CONT
  signal_group "$name" TERM
  for _ in $(seq $((wait * 5))); do alive "$name" || break; sleep 0.2; done
  alive "$name" && signal_group "$name" KILL
  rm -f "$PROCESS_DIR/$name.pid"
}
# Every process in $PROCESS_DIR, the last started first: servers before the Redis and MongoDB they use.
stop_processes() { # [seconds before SIGKILL, each]
  local pidfile pidfiles
  # shellcheck disable=SC2012 # the names are ours, without line breaks
  mapfile -t pidfiles < <(ls -t "$PROCESS_DIR"/*.pid 2>/dev/null)
  for pidfile in ${pidfiles[@]+"${pidfiles[@]}"}; do
    stop_process "$(basename "$pidfile" .pid)" "${1:-20}"
  done
}
kill_process() { signal_group "$1" KILL; rm -f "$PROCESS_DIR/$1.pid"; } # a crash, not a shutdown

# Waits until url answers 200 and dies when the process exits first; fails after that many seconds (callers differ
# in what a slow start means).
await_ready() { # name url log-to-read [seconds]
  local name=$1 url=$2 log=$3 seconds=${4:-240}
  for _ in $(seq $((seconds * 2))); do
    [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url")" = 200 ] && return 0
    alive "$name" || die "$name exited; see $log"
    sleep 0.5
  done
  return 1
}

spawn_redis() { # name logfile port dir [redis-server option…]
  local name=$1 logfile=$2 port=$3 dir=$4
  shift 4
  spawn "$name" "$logfile" redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly no "$@"
  wait_for_port "$port" redis-server
}

# The embedded MongoDB of the test sources (app.pdeck.devserver), persisted in one file.
spawn_mongo() { # name logfile port data-file
  spawn "$1" "$2" java -Xmx512m -cp "target/test-classes:$(cat target/devserver.classpath)" \
    app.pdeck.devserver.EmbeddedMongoServer --port "$3" --file "$4"
  wait_for_port "$3" "embedded MongoDB" 150
}

# Starts target/server on its own base directory (prepared as above) with the WAR deployed as ROOT.war; returns at
# once (await_ready waits). Arguments VAR=value go to the server's environment, -D… to standalone.sh.
start_wildfly() { # name logfile|- base-dir port-offset war [VAR=value…] [-Dname=value…]
  local name=$1 logfile=$2 base=$3 offset=$4 war=$5 arg env=() options=()
  shift 5
  for arg in "$@"; do
    case "$arg" in
      -*) options+=("$arg") ;;
      *) env+=("$arg") ;;
    esac
  done
  [[ "$base" = /* ]] || base=$PWD/$base
  prepare_base "$base"
  # A marker of the last deployment (ROOT.war.failed, .deployed…) would otherwise decide what the scanner does.
  rm -f "$base"/deployments/ROOT.war*
  cp "$war" "$base/deployments/ROOT.war"
  spawn "$name" "$logfile" env ${env[@]+"${env[@]}"} target/server/bin/standalone.sh -Djboss.server.base.dir="$base" \
    -Djboss.socket.binding.port-offset="$offset" ${options[@]+"${options[@]}"}
}

# The WildFly JVM under a start_wildfly process (standalone.sh runs it as a child), e.g. for its CPU time or jcmd.
wildfly_jvm() { pgrep -P "$(pid_of "$1")" java | head -n1 | grep .; }

# --- Admin API calls (ops/backup, ops/restore) -----------------------------------------------------------
# Logs in as the administrator (PDECK_ADMIN_EMAIL / PDECK_ADMIN_PASSWORD) at PDECK_URL and prints the token.
admin_token() {
  [ -n "${PDECK_ADMIN_EMAIL:-}" ] && [ -n "${PDECK_ADMIN_PASSWORD:-}" ] \
    || die "set PDECK_ADMIN_EMAIL and PDECK_ADMIN_PASSWORD (an ADMIN account of the service)"
  local body response
  body=$(jq -n --arg e "$PDECK_ADMIN_EMAIL" --arg p "$PDECK_ADMIN_PASSWORD" '{email: $e, password: $p}')
  response=$(curl -sS -X POST -H 'Content-Type: application/json' -d "$body" -w '\n%{http_code}' \
    "$PDECK_URL/api/v1/auth/login") || die "cannot reach $PDECK_URL (is the service running?)"
  [ "$(tail -n1 <<<"$response")" = 200 ] || die "login as $PDECK_ADMIN_EMAIL failed: $(head -n -1 <<<"$response")"
  head -n -1 <<<"$response" | jq -r .token
}

# Waits for a job run to end; prints the run document; fails unless it SUCCEEDED.
await_run() {
  local token=$1 run=$2 status doc
  while true; do
    doc=$(curl -fsS -H "Authorization: Bearer $token" "$PDECK_URL/api/v1/admin/jobs/runs/$run") \
      || die "cannot read run $run"
    status=$(jq -r .status <<<"$doc")
    [ "$status" != RUNNING ] && break
    sleep 1
  done
  echo "$doc"
  [ "$status" = SUCCEEDED ] || die "run $run ended $status: $(jq -r '.error // "another backup or restore held the lock"' <<<"$doc")"
}
