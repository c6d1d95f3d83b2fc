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
