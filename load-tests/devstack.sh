# Sourced by bench.sh and fault-run.sh: a devstack of their own, in its own process group, on a clean data folder.
#
#   start_devstack LOG PORT PG_PORT OFFSET DATA [CPUS]   starts it (pinned to CPUS when given), sets $stack, and
#                                                        waits until it is up (exits 1 when it is not in 300 s)
#   stop_devstack [keep]                                 stops every process of it; removes DATA unless "keep"

start_devstack() {
    local log=$1 port=$2 pg_port=$3 offset=$4 cpus=${6:-}
    devstack_data=$5
    local pin=()
    [ -n "$cpus" ] && pin=(taskset -c "$cpus")
    setsid "${pin[@]}" "$JAVA_HOME/bin/java" -jar "$root/services/devstack/target/meshmall-devstack.jar" --fresh \
        --port "$port" --postgres-port "$pg_port" --data-dir "$devstack_data" --service-port-offset "$offset" \
        >"$log" 2>&1 &
    stack=$!
    for _ in $(seq 1 300); do
        grep -q 'Ctrl-C stops everything' "$log" && return 0
        kill -0 "$stack" 2>/dev/null || { tail -30 "$log" >&2; exit 1; }
        sleep 1
    done
    echo "the devstack did not start in 300 s: see $log" >&2
    exit 1
}

stop_devstack() {
    [ -n "${stack:-}" ] || return 0
    # a service left frozen (SIGSTOP) would not stop
    for pid in $(pgrep -P "$stack" || true); do kill -CONT "$pid" 2>/dev/null || true; done
    kill -TERM -- "-$stack" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$stack" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$stack" 2>/dev/null || true
    [ "${1:-}" = keep ] || rm -rf "$devstack_data"
}
