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

prepare_instance() {
  local base
  base=$(instance_base "${1:-}")
  if [ ! -f "$base/configuration/standalone.xml" ] || [ "$PROVISIONED_BASE/configuration/standalone.xml" -nt "$base/configuration/standalone.xml" ]; then
    rm -rf "$base/configuration"
    mkdir -p "$base"
    cp -r "$PROVISIONED_BASE/configuration" "$base/configuration"
  fi
  mkdir -p "$base/deployments" "$base/data" "$base/log"
  echo "$base"
}

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
