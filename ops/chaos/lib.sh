# Shared helpers of ops/chaos/* (sourced): one throw-away Redis, embedded MongoDB and WildFly node per scenario,
# each in its own process group under target/chaos/<scenario>/run, all stopped by chaos_stop_all (trap it).

source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

CHAOS_ADMIN_EMAIL=chaos-admin@chaos.pdeck.test
CHAOS_ADMIN_PASSWORD=chaos-admin-password-1

chaos_build() {
  if [ ! -f target/ROOT.war ] || [ ! -d target/server ] || [ ! -f target/devserver.classpath ] \
    || [ -n "$(find pom.xml src/main wildfly-config -newer target/ROOT.war -type f -print -quit)" ]; then
    echo "building (mvn package)…"
    mvn -B -q package -DskipTests
  elif [ ! -f target/test-classes/app/pdeck/chaos/Chaos.class ] \
    || [ -n "$(find src/test -newer target/test-classes/app/pdeck/chaos/Chaos.class -type f -print -quit)" ]; then
    mvn -B -q -o test-compile || mvn -B -q test-compile
  fi
}

# The suite's own client: JDK only, from the compiled test classes.
chaos() { java -cp target/test-classes app.pdeck.chaos.Chaos "$@"; }

# Current time in epoch milliseconds.
now_ms() { date +%s%3N; }

# Fault markers the summary and charts read: mark start|end.
mark() { echo "{\"event\":\"$1\",\"at\":$(now_ms)}" >> "$DIR/faults.jsonl"; }

random_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    port_open "$port" || { echo "$port"; return; }
  done
}

spawn() { # name logfile command… — own session, so a signal to the group reaches the children too
  local name=$1 logfile=$2
  shift 2
  setsid "$@" >"$logfile" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
  disown $!
}
pid_of() { [ -f "$RUN/$1.pid" ] && cat "$RUN/$1.pid"; }
alive() { local pid; pid=$(pid_of "$1") && kill -0 "$pid" 2>/dev/null; }
signal_group() { local pid; pid=$(pid_of "$1") || return 0; kill "-$2" -- "-$pid" 2>/dev/null || kill "-$2" "$pid" 2>/dev/null || true; }
stop_process() {
  local name=$1 wait=${2:-20}
  alive "$name" || { rm -f "$RUN/$name.pid"; return 0; }
  signal_group "$name" CONT
  signal_group "$name" TERM
  for _ in $(seq $((wait * 5))); do alive "$name" || break; sleep 0.2; done
  alive "$name" && signal_group "$name" KILL
  rm -f "$RUN/$name.pid"
}

chaos_stop_all() {
  [ -d "${RUN:-/nonexistent}" ] || return 0
  local pidfile
  for pidfile in "$RUN"/*.pid; do
    [ -e "$pidfile" ] || continue
    stop_process "$(basename "$pidfile" .pid)" 20
  done
}

# chaos_setup <scenario>: fresh DIR=target/chaos/<scenario> and RUN=$DIR/run.
chaos_setup() {
  DIR=target/chaos/$1
  rm -rf "$DIR"
  RUN=$DIR/run
  mkdir -p "$RUN"
  (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$RUN/jwt-signing-key.pem" 2>/dev/null)
}

start_redis() {
  REDIS_PORT=${REDIS_PORT:-$(random_port)}
  spawn redis "$RUN/redis.log" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$ROOT/$RUN" --dbfilename redis.rdb
  wait_for_port "$REDIS_PORT" redis-server
}

start_mongo() {
  MONGO_PORT=${MONGO_PORT:-$(random_port)}
  spawn mongo "$RUN/mongo.log" java -Xmx512m -cp "target/test-classes:$(cat target/devserver.classpath)" \
    app.pdeck.devserver.EmbeddedMongoServer --port "$MONGO_PORT" --file "$ROOT/$RUN/mongo.mv"
  wait_for_port "$MONGO_PORT" "embedded MongoDB" 150
}

# start_node <name> <port offset> [extra environment assignments…]; sets URL and MGMT for the last node started.
start_node() {
  local name=$1 offset=$2 base
  shift 2
  base=$RUN/$name
  if [ ! -d "$base/configuration" ]; then
    mkdir -p "$base/deployments" "$base/data" "$base/log"
    cp -r target/server/standalone/configuration "$base/configuration"
  fi
  rm -f "$base"/deployments/ROOT.war.*
  cp target/ROOT.war "$base/deployments/ROOT.war"
  port_open $((8080 + offset)) && die "port $((8080 + offset)) is in use"
  spawn "$name" "$RUN/$name.out" env PDECK_JWT_SIGNING_KEY="$(cat "$RUN/jwt-signing-key.pem")" \
    PDECK_ADMIN_EMAIL=$CHAOS_ADMIN_EMAIL PDECK_ADMIN_PASSWORD=$CHAOS_ADMIN_PASSWORD \
    PDECK_PASSWORD_PBKDF2_ITERATIONS=20000 \
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT" MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT" \
    PDECK_BACKUP_DIR="${BACKUP_DIR:-$ROOT/$RUN/backups}" "$@" \
    target/server/bin/standalone.sh -Djboss.server.base.dir="$ROOT/$base" \
      -Djboss.socket.binding.port-offset="$offset" -Djboss.node.name="$name" -Djboss.tx.node.id="$name"
  URL=http://127.0.0.1:$((8080 + offset))
  MGMT=http://127.0.0.1:$((9990 + offset))
  wait_ready "$name"
}

wait_ready() {
  local name=$1
  for _ in $(seq 480); do
    [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$MGMT/health/ready")" = 200 ] && return 0
    alive "$name" || die "$name exited; see $RUN/$name/log/server.log"
    sleep 0.5
  done
  die "$name not ready after 240 s; see $RUN/$name/log/server.log"
}

# SIGKILL of a WildFly node: the JVM, not only the launcher script.
kill_node() {
  signal_group "$1" KILL
  rm -f "$RUN/$1.pid"
}

admin_login() { PDECK_URL=$URL PDECK_ADMIN_EMAIL=$CHAOS_ADMIN_EMAIL PDECK_ADMIN_PASSWORD=$CHAOS_ADMIN_PASSWORD admin_token; }

# job_run <token> <path> → prints the run id (POST …/run or /admin/backups)
start_job() {
  curl -fsS -X POST -H "Authorization: Bearer $1" "$URL$2" | jq -r .runId
}

# await_job <token> <run id> → prints the final run document (any status)
await_job() {
  local doc status
  for _ in $(seq 600); do
    doc=$(curl -sS -m 5 -H "Authorization: Bearer $1" "$URL/api/v1/admin/jobs/runs/$2" || true)
    status=$(jq -r '.status // "?"' <<<"$doc" 2>/dev/null || echo "?")
    [ "$status" != RUNNING ] && [ "$status" != "?" ] && { echo "$doc"; return 0; }
    sleep 0.5
  done
  echo "{\"status\":\"TIMEOUT\"}"
}
