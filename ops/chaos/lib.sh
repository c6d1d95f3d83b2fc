# Shared helpers of ops/chaos/* (sourced): one throw-away Redis, embedded MongoDB and WildFly node per scenario,
# each in its own process group (ops/lib.sh) under target/chaos/<scenario>/run, all stopped by chaos_stop_all
# (trap it).

# shellcheck source=SCRIPTDIR/../lib.sh
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

chaos_stop_all() {
  [ -d "${RUN:-/nonexistent}" ] || return 0
  stop_processes 20
}

# chaos_setup <scenario>: fresh DIR=target/chaos/<scenario> and RUN=$DIR/run.
chaos_setup() {
  DIR=target/chaos/$1
  rm -rf "$DIR"
  RUN=$DIR/run
  PROCESS_DIR=$RUN
  mkdir -p "$RUN"
  (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$RUN/jwt-signing-key.pem" 2>/dev/null)
}

start_redis() {
  REDIS_PORT=${REDIS_PORT:-$(random_port)}
  spawn_redis redis "$RUN/redis.log" "$REDIS_PORT" "$ROOT/$RUN" --dbfilename redis.rdb
}

start_mongo() {
  MONGO_PORT=${MONGO_PORT:-$(random_port)}
  spawn_mongo mongo "$RUN/mongo.log" "$MONGO_PORT" "$ROOT/$RUN/mongo.mv"
}

# start_node <name> <port offset> [extra environment assignments…]; sets URL and MGMT for the last node started.
start_node() {
  local name=$1 offset=$2
  shift 2
  port_open $((8080 + offset)) && die "port $((8080 + offset)) is in use"
  start_wildfly "$name" "$RUN/$name.out" "$RUN/$name" "$offset" target/ROOT.war \
    PDECK_JWT_SIGNING_KEY="$(cat "$RUN/jwt-signing-key.pem")" \
    PDECK_ADMIN_EMAIL=$CHAOS_ADMIN_EMAIL PDECK_ADMIN_PASSWORD=$CHAOS_ADMIN_PASSWORD \
    PDECK_PASSWORD_PBKDF2_ITERATIONS=20000 \
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT" MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT" \
    PDECK_BACKUP_DIR="${BACKUP_DIR:-$ROOT/$RUN/backups}" "$@" \
    -Djboss.node.name="$name" -Djboss.tx.node.id="$name"
  URL=http://127.0.0.1:$((8080 + offset))
  MGMT=http://127.0.0.1:$((9990 + offset))
  await_ready "$name" "$MGMT/health/ready" "$RUN/$name/log/server.log" \
    || die "$name not ready after 240 s; see $RUN/$name/log/server.log"
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
