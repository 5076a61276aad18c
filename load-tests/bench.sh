#!/usr/bin/env bash
# The benchmark: meshmall's checkout and product reads next to what the same PostgreSQL does under pgbench,
# on the same machine, in one run. Starts its own devstack (clean database, its own ports), loads a catalog
# with enough stock through the REST API as the admin, runs pgbench (TPC-B-like and select-only), then finds
# the highest steady rate of checkouts and of product reads that meets the load tests' objectives, measures
# latency at half that rate and the cart-of-50 against cart-of-1 checkout, and writes one table to
# load-tests/results/<date>.md and docs/BENCHMARKS.md. Gatling's HTML reports stay under
# load-tests/results/<date>/.
#
# usage: load-tests/bench.sh [--phase-seconds N] [--warm-up-seconds N] [--clients N] [--no-build]
#   --phase-seconds N    how long each measured phase lasts (default 15: a run takes about 15 minutes)
#   --warm-up-seconds N  how long the unmeasured warm-up of each path lasts (default 60)
#   --clients N          pgbench clients (default 8)
#   --no-build           run the jars already built instead of ./devstack's build
# environment: BENCH_PORT (default 28080), BENCH_PG_PORT (55449), BENCH_PORT_OFFSET (200): all apart from the
# devstack's defaults, so a developer's own stack can keep running.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/java-home.sh"
meshmall_find_jdk

phase=15
warm_up=60
clients=8
build=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --phase-seconds) phase=$2; shift 2 ;;
        --warm-up-seconds) warm_up=$2; shift 2 ;;
        --clients) clients=$2; shift 2 ;;
        --no-build) build=no; shift ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

port=${BENCH_PORT:-28080}
pg_port=${BENCH_PG_PORT:-55449}
offset=${BENCH_PORT_OFFSET:-200}
base="http://localhost:$port"
stamp=$(date -u +%Y-%m-%dT%H%M)
out="$root/load-tests/results/$stamp"
data=$(mktemp -d /tmp/meshmall-bench.XXXXXX)
category=bench
mkdir -p "$out"
log() { echo "bench | $*" >&2; }

# pgbench comes with Debian's PostgreSQL server package; the embedded PostgreSQL ships no client tools
if ! command -v pgbench >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing pgbench (apt-get install postgresql)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
        echo "bench: pgbench is missing: install PostgreSQL's client tools (Debian: apt-get install postgresql)" >&2
        exit 1
    fi
fi

export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
mvn_quiet() { (cd "$root" && ./mvnw -B -ntp "$@"); }

if [ "$build" = yes ]; then
    log "building meshmall"
    mvn_quiet -q -DskipTests install >"$out/build.log" 2>&1 || { tail -40 "$out/build.log" >&2; exit 1; }
fi
log "compiling the load tests"
mvn_quiet -q -Pload-tests -pl load-tests test-compile >"$out/compile.log" 2>&1 || { tail -40 "$out/compile.log" >&2; exit 1; }

# the stack: its own process group, ended on any exit
log "starting the devstack on $base (data in $data)"
setsid "$JAVA_HOME/bin/java" -jar "$root/services/devstack/target/meshmall-devstack.jar" --fresh --port "$port" \
    --postgres-port "$pg_port" --data-dir "$data" --service-port-offset "$offset" >"$out/devstack.log" 2>&1 &
stack=$!
stop_stack() {
    kill -TERM -- "-$stack" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$stack" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$stack" 2>/dev/null || true
    rm -rf "$data"
}
trap stop_stack EXIT
for _ in $(seq 1 300); do
    grep -q 'Ctrl-C stops everything' "$out/devstack.log" && break
    kill -0 "$stack" 2>/dev/null || { tail -30 "$out/devstack.log" >&2; exit 1; }
    sleep 1
done
grep -q 'Ctrl-C stops everything' "$out/devstack.log" || { echo "bench: the devstack did not start in 300 s" >&2; exit 1; }

# a catalog with enough stock: 60 products in their own category, a million each
log "loading 60 products with stock into category '$category'"
admin_token=$(curl -sf -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"${MESHMALL_ADMIN_EMAIL:-admin@meshmall.local}\",\"password\":\"${MESHMALL_ADMIN_PASSWORD:-meshmall-admin-123}\"}" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
for i in $(seq 1 60); do
    curl -sf -o /dev/null -X POST "$base/api/v1/products" -H "Authorization: Bearer $admin_token" \
        -H 'Content-Type: application/json' \
        -d "{\"name\":\"Bench Item $i\",\"description\":\"A product of the benchmark catalog\",\"picture_url\":\"\",
             \"price\":{\"amount\":$((500 + i * 10)),\"currency\":\"USD\"},\"categories\":[\"$category\"],\"stock\":1000000}" \
        || { echo "bench: creating product $i failed" >&2; exit 1; }
done

# 1. the baseline: pgbench on the same PostgreSQL, in a database of its own
log "pgbench: init, then TPC-B-like and select-only, $clients clients, ${phase}s each"
psql_admin() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_admin -c 'CREATE DATABASE pgbench' >/dev/null
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -i -s 10 -q pgbench >"$out/pgbench-init.log" 2>&1
tps() { sed -nE 's/^tps = ([0-9.]+) .*without initial connection time.*/\1/p' "$1"; }
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -c "$clients" -j 2 -T "$phase" pgbench >"$out/pgbench-tpcb.log" 2>&1
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -c "$clients" -j 2 -T "$phase" -S pgbench >"$out/pgbench-select.log" 2>&1
tpcb_tps=$(tps "$out/pgbench-tpcb.log")
select_tps=$(tps "$out/pgbench-select.log")
log "pgbench: TPC-B-like $tpcb_tps tps, select-only $select_tps tps"

# waits until a line of the file matches, or the process ends; answers 0 when the line came
await_line() {
    local file=$1 pattern=$2 pid=$3
    until grep -qE "$pattern" "$file" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.2
    done
}

# 2. the shop. One Gatling run: a steady rate for a phase (or $seconds); it passes when the run meets every
# objective (Objectives.java). Writes the run's numbers as JSON next to its report and answers 0 when it passed.
# With $cpu_label, the CPU time of each process is taken when the load starts and when it ends (not around
# Maven's and Gatling's own start and report), into cpu-<label>-before.txt and -after.txt.
gatling() {
    local simulation=$1 name=$2 duration=${seconds:-$phase}; shift 2
    local dir="$out/reports/$(date -u +%H%M%S)-$name"
    mkdir -p "$dir"
    local passed=0 run
    mvn_quiet -Pload-tests -pl load-tests gatling:test -Dgatling.simulationClass="dev.meshmall.load.$simulation" \
        -DloadTests.resultsFolder="$dir" -DbaseUrl="$base" -Dprofile=soak -Dduration="$duration" \
        -DbuyCategory="$category" "$@" >"$dir.log" 2>&1 &
    run=$!
    if [ -n "${cpu_label:-}" ]; then
        await_line "$dir.log" '^Simulation .* started' "$run" && cpu_snapshot >"$out/cpu-$cpu_label-before.txt"
        await_line "$dir.log" '^Parsing log file' "$run" && cpu_snapshot >"$out/cpu-$cpu_label-after.txt"
    fi
    wait "$run" || passed=1
    local report
    report=$(find "$dir" -mindepth 1 -maxdepth 1 -type d | head -1)
    if [ -z "$report" ]; then
        echo "bench: Gatling left no report for $name: see $dir.log" >&2
        tail -30 "$dir.log" >&2
        return 2
    fi
    python3 "$root/load-tests/report_stats.py" "$report" >"$dir.json"
    log "$name: $([ $passed = 0 ] && echo 'meets the objectives' || echo 'misses the objectives')"
    echo "$dir.json"
    return $passed
}

# the highest rate that passes: doubling from a start until a run fails, then one step halfway back
climb() {
    local simulation=$1 label=$2 rate=$3; shift 3
    local best="" failed="" json
    for _ in 1 2 3 4 5 6; do
        if json=$(gatling "$simulation" "$label-at-$rate" -Drate="$rate" "$@"); then
            best=$rate; echo "$rate $json" >>"$out/$label-passed.txt"
            rate=$(awk -v r="$rate" 'BEGIN { print r * 2 }')
        else
            failed=$rate; break
        fi
    done
    if [ -n "$best" ] && [ -n "$failed" ]; then
        local middle
        middle=$(awk -v a="$best" -v b="$failed" 'BEGIN { printf "%g", (a + b) / 2 }')
        if json=$(gatling "$simulation" "$label-at-$middle" -Drate="$middle" "$@"); then
            best=$middle; echo "$middle $json" >>"$out/$label-passed.txt"
        fi
    fi
    echo "${best:-0}"
}

# a warm-up that is not measured: the first thousands of requests of each JVM meet an interpreter and a JIT
# compiling, not the code that serves the rest
log "warming up (${warm_up}s of buyers, then ${warm_up}s of visitors)"
seconds=$warm_up gatling CheckoutSimulation warm-up-checkout -Drate=1 -DpurchasesPerBuyer=3 -DcartSize=3 >/dev/null || true
seconds=$warm_up gatling BrowseSimulation warm-up-reads -Drate=20 >/dev/null || true

# CPU time (clock ticks) of each service JVM, the entry (the devstack's own JVM), PostgreSQL (the postmaster,
# its backends and those that exited) and the whole machine, to split a run's CPU by process
cpu_snapshot() {
    local pid name postmaster
    for pid in $(pgrep -P "$stack" java || true); do
        name=$(tr '\0' ' ' <"/proc/$pid/cmdline" | sed -nE 's/.*meshmall-([a-z]+)\.jar.*/\1/p')
        [ -n "$name" ] && echo "$name $(awk '{ print $14 + $15 }' "/proc/$pid/stat")"
    done
    echo "entry $(awk '{ print $14 + $15 }' "/proc/$stack/stat")"
    postmaster=$(head -1 "$data/postgres/postmaster.pid")
    echo "postgres $( { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat"
        for pid in $(pgrep -P "$postmaster"); do awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null; done
        } | awk '{ s += $1 } END { print s }')"
    echo "machine $(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat)"
}

# checkout: each buyer signs up once then buys 3 times, so Argon2id password hashing does not decide the rate
buyer_args=(-DpurchasesPerBuyer=3 -DcartSize=3)
log "checkout: climbing (buyers per second, 3 purchases each)"
checkout_start=0.25
checkout_rate=$(climb CheckoutSimulation checkout "$checkout_start" "${buyer_args[@]}")
log "reads: climbing (visitors per second, 4 product reads each)"
reads_start=5
browse_rate=$(climb BrowseSimulation reads "$reads_start")

half() { awk -v r="$1" 'BEGIN { printf "%g", r / 2 }'; }
# latency at half the capacity; when not even the first rate met the objectives, at half that first rate
checkout_half_rate=$(half "$([ "$checkout_rate" != 0 ] && echo "$checkout_rate" || echo "$checkout_start")")
reads_half_rate=$(half "$([ "$browse_rate" != 0 ] && echo "$browse_rate" || echo "$reads_start")")
checkout_half_json=$(cpu_label=checkout gatling CheckoutSimulation "checkout-half-$checkout_half_rate" \
    -Drate="$checkout_half_rate" "${buyer_args[@]}") || true
reads_half_json=$(cpu_label=reads gatling BrowseSimulation "reads-half-$reads_half_rate" -Drate="$reads_half_rate") \
    || true

# cost with work, not round trips: the same light load with carts of 1 and of 50 products
log "cart of 1 against cart of 50"
cart1_json=$(gatling CheckoutSimulation cart-of-1 -Drate=0.5 -DpurchasesPerBuyer=2 -DcartSize=1) || true
cart50_json=$(gatling CheckoutSimulation cart-of-50 -Drate=0.5 -DpurchasesPerBuyer=2 -DcartSize=50) || true

# peak resident memory of each service, from the kernel's high-water mark
for pid in $(pgrep -P "$stack" java || true); do
    service=$(tr '\0' ' ' <"/proc/$pid/cmdline" | sed -nE 's/.*meshmall-([a-z]+)\.jar.*/\1/p')
    hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
    echo "$service $hwm"
done >"$out/peak-rss.txt"

python3 "$root/load-tests/bench_table.py" --out "$out" --phase "$phase" --clients "$clients" \
    --tpcb "$tpcb_tps" --select "$select_tps" \
    --checkout-rate "$checkout_rate" --reads-rate "$browse_rate" \
    --checkout-start "$checkout_start" --reads-start "$reads_start" \
    --checkout-half-rate "$checkout_half_rate" --reads-half-rate "$reads_half_rate" \
    --checkout-half "$checkout_half_json" --reads-half "$reads_half_json" \
    --cart1 "$cart1_json" --cart50 "$cart50_json" \
    --markdown "$root/load-tests/results/$stamp.md" --benchmarks "$root/docs/BENCHMARKS.md"
cat "$root/load-tests/results/$stamp.md"
