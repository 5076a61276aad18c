#!/usr/bin/env bash
# The fault run: shoppers check out, pay later and cancel without pause while every service is killed with SIGKILL
# in turn (checkout, payment and order twice), PostgreSQL is stopped at once (pg_ctl stop -m immediate) and payment
# is frozen (SIGSTOP) past the callers' gRPC deadline; the devstack restarts what died. Then, once recovery has run,
# the invariants are checked over every schema and the figures printed (and written to
# load-tests/results/fault-<date>.md). Starts its own devstack on a clean database and its own ports; takes about
# eight minutes and stops by itself. Exits non-zero when an invariant fails.
#
# usage: load-tests/fault-run.sh [--no-build] [--load-seconds N] [--shoppers N]
#   --no-build          run the jars already built instead of building first
#   --load-seconds N    how long the shoppers and the faults run (default 300)
#   --shoppers N        how many shoppers at once (default 24)
# environment: FAULT_PORT (default 38080), FAULT_PG_PORT (55459), FAULT_PORT_OFFSET (300): apart from the
# devstack's and the benchmark's, so either can keep running. MAVEN_ARGS is passed to Maven (say
# -Dmaven.repo.local=...).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/java-home.sh"
meshmall_find_jdk

build=yes
driver_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=no; shift ;;
        --load-seconds|--shoppers) driver_args+=("$1" "$2"); shift 2 ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "fault-run: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
for tool in psql python3; do
    command -v "$tool" >/dev/null || { echo "fault-run: $tool is missing (Debian: apt-get install postgresql-client python3)" >&2; exit 1; }
done

port=${FAULT_PORT:-38080}
pg_port=${FAULT_PG_PORT:-55459}
offset=${FAULT_PORT_OFFSET:-300}
stamp=$(date -u +%Y-%m-%dT%H%M)
out="$root/load-tests/results/fault-$stamp"
data=$(mktemp -d /tmp/meshmall-fault.XXXXXX)
mkdir -p "$out"
log() { echo "fault-run | $*" >&2; }

if [ "$build" = yes ]; then
    log "building meshmall"
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    (cd "$root" && ./mvnw -B -ntp -q -DskipTests install) >"$out/build.log" 2>&1 || { tail -40 "$out/build.log" >&2; exit 1; }
fi

log "starting the devstack on http://localhost:$port (data in $data, its log in $out/devstack.log)"
source "$root/load-tests/devstack.sh"
stop_stack() {
    if [ "${status:-0}" = 0 ]; then stop_devstack; else stop_devstack keep; log "data kept for a look: $data (./devstack --data-dir $data)"; fi
}
trap stop_stack EXIT
start_devstack "$out/devstack.log" "$port" "$pg_port" "$offset" "$data"

status=0
python3 "$root/load-tests/fault_run.py" --port "$port" --pg-port "$pg_port" --data-dir "$data" \
    --devstack-pid "$stack" --devstack-log "$out/devstack.log" --markdown "$root/load-tests/results/fault-$stamp.md" \
    "${driver_args[@]}" || status=$?
log "the devstack's log, with every exit and restart: $out/devstack.log"
exit $status
