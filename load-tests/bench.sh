#!/usr/bin/env bash
# The benchmark: the shop on one core against PostgreSQL's own pgbench on the same core, in one run. The devstack
# (every service, the entry and PostgreSQL) is pinned to the shop's core once warm, and everything that makes load
# (pgbench's client, wrk, the driver) to the other, so each ratio is per core against per core and the generator's
# cost is never counted as the shop's. Each of three rounds measures pgbench (TPC-B-like, select-only), product reads by
# wrk through the entry and straight to product, purchases (add to cart + checkout by shoppers logged in
# beforehand) over 60 products and over one hot product, latency at half of each capacity, sign-up and login,
# and the CPU of one Argon2id hash; the CPU each process spent is taken over every measured window. Then carts of 1
# and of 50, and peak memory. The medians of the rounds, each ratio and each target (**no** where unmet) go to
# load-tests/results/<date>.md and docs/BENCHMARKS.md; every round's raw output stays in load-tests/results/<date>/.
#
# usage: load-tests/bench.sh [--phase-seconds N] [--rounds N] [--warm-up-seconds N] [--no-build]
#   --phase-seconds N    how long each measured window lasts (default 15: a run takes about seventeen minutes)
#   --rounds N           rounds of every measurement, reported as medians (default 3)
#   --warm-up-seconds N  the unmeasured warm-up, on both cores, of purchases and of reads before the first round
#                        (default 90; a third of it for sign-up and for login)
#   --no-build           run the jars already built instead of building first
# environment: BENCH_PORT (default 28080), BENCH_PG_PORT (55449), BENCH_PORT_OFFSET (200): apart from the
# devstack's defaults, so a developer's own stack can keep running. BENCH_SHOP_CPU (0) and BENCH_LOAD_CPU (1):
# the cores. MAVEN_ARGS is passed to Maven.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/java-home.sh"
meshmall_find_jdk
source "$root/load-tests/devstack.sh"

phase=15
rounds=3
warm_up=90
build=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --phase-seconds) phase=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --warm-up-seconds) warm_up=$2; shift 2 ;;
        --no-build) build=no; shift ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

port=${BENCH_PORT:-28080}
pg_port=${BENCH_PG_PORT:-55449}
offset=${BENCH_PORT_OFFSET:-200}
shop_cpu=${BENCH_SHOP_CPU:-0}
load_cpu=${BENCH_LOAD_CPU:-1}
base="http://127.0.0.1:$port"
product_base="http://127.0.0.1:$((8083 + offset))"
stamp=$(date -u +%Y-%m-%dT%H%M)
out="$root/load-tests/results/$stamp"
mkdir -p "$out"
log() { echo "bench | $(date -u +%H:%M:%S) $*" >&2; }

# pgbench comes with Debian's PostgreSQL server package, wrk with its own; the embedded PostgreSQL ships no tools
missing=()
command -v pgbench >/dev/null || missing+=(postgresql)
command -v wrk >/dev/null || missing+=(wrk)
command -v taskset >/dev/null || missing+=(util-linux)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing ${missing[*]} (apt-get)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "bench: missing ${missing[*]} (Debian: apt-get install ${missing[*]})" >&2
        exit 1
    fi
fi
[ "$(nproc)" -ge 2 ] || { echo "bench: needs two cores, one for the shop and one for the load" >&2; exit 1; }

export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
mvn_quiet() { (cd "$root" && ./mvnw -B -ntp ${MAVEN_ARGS:-} "$@"); }
if [ "$build" = yes ]; then
    log "building meshmall"
    mvn_quiet -q -DskipTests install >"$out/build.log" 2>&1 || { tail -40 "$out/build.log" >&2; exit 1; }
fi
log "compiling the load driver"
mvn_quiet -q -Pload-tests -pl load-tests test-compile >"$out/compile.log" 2>&1 || { tail -40 "$out/compile.log" >&2; exit 1; }

log "starting the devstack on $base"
trap stop_devstack EXIT
start_devstack "$out/devstack.log" "$port" "$pg_port" "$offset" "$(mktemp -d /tmp/meshmall-bench.XXXXXX)"

# the catalog: 60 products in category bench for purchases over many products, one more for the hot product
admin_token=$(curl -sf -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"${MESHMALL_ADMIN_EMAIL:-admin@meshmall.local}\",\"password\":\"${MESHMALL_ADMIN_PASSWORD:-meshmall-admin-123}\"}" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
new_product() {
    curl -sf -X POST "$base/api/v1/products" -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
        -d "{\"name\":\"$1\",\"description\":\"A product of the benchmark catalog\",\"picture_url\":\"\",
             \"price\":{\"amount\":$2,\"currency\":\"USD\"},\"categories\":[\"bench\"],\"stock\":1000000}" \
        | sed -E 's/.*"id":"([^"]+)".*/\1/'
}
log "loading 61 products"
products=""
for i in $(seq 1 60); do
    id=$(new_product "Bench Item $i" $((500 + i * 10))) || { echo "bench: creating product $i failed" >&2; exit 1; }
    products="$products${products:+,}$id"
done
hot=$(new_product "Bench Hot Item" 990) || { echo "bench: creating the hot product failed" >&2; exit 1; }
echo "{\"products\":\"$products\",\"hot\":\"$hot\"}" >"$out/catalog.json"
lua="$out/product-ids.lua"
echo "local ids = {\"${products//,/\",\"}\"}
request = function() return wrk.format(\"GET\", \"/api/v1/products/\" .. ids[math.random(#ids)]) end" >"$lua"

log "pgbench: initialising its own database"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qAt -c 'CREATE DATABASE pgbench' >/dev/null
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -i -s 10 -q pgbench >"$out/pgbench-init.log" 2>&1

# CPU time (clock ticks) of each service JVM, the entry (the devstack's own JVM) and PostgreSQL (the postmaster,
# its backends and those that exited)
cpu_snapshot() {
    local pid name postmaster
    for pid in $(pgrep -P "$stack" java || true); do
        name=$(tr '\0' ' ' <"/proc/$pid/cmdline" | sed -nE 's/.*meshmall-([a-z]+)\.jar.*/\1/p')
        [ -n "$name" ] && echo "$name $(awk '{ print $14 + $15 }' "/proc/$pid/stat")"
    done
    echo "entry $(awk '{ print $14 + $15 }' "/proc/$stack/stat")"
    postmaster=$(head -1 "$devstack_data/postgres/postmaster.pid")
    echo "postgres $( { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat"
        for pid in $(pgrep -P "$postmaster"); do awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null; done
        } | awk '{ s += $1 } END { print s }')"
}

await_line() {
    local file=$1 pattern=$2 pid=$3
    until grep -qE "$pattern" "$file" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.05
    done
}

# drive NAME ARGS: the driver on the load core; its JSON to NAME.json, the CPU over its measured window to
# cpu-NAME-before/after.txt
drive() {
    local name=$1; shift
    taskset -c "$load_cpu" "$JAVA_HOME/bin/java" -XX:+UseSerialGC \
        -cp "$root/load-tests/target/test-classes" dev.meshmall.load.driver.Driver "$@" --base "$base" \
        >"$dir/$name.json" 2>"$dir/$name.log" &
    local pid=$!
    await_line "$dir/$name.log" '^measure-start' "$pid" && cpu_snapshot >"$dir/cpu-$name-before.txt"
    await_line "$dir/$name.log" '^measure-end' "$pid" && cpu_snapshot >"$dir/cpu-$name-after.txt"
    wait "$pid" || { echo "bench: the driver's $name failed: $(tail -3 "$dir/$name.log")" >&2; return 1; }
    log "$name: $(cat "$dir/$name.json")"
}

# wrk_reads NAME URL: product by id (any of the 60) from 8 connections for a phase, wrk on the load core; its own
# CPU (ticks) is the child time of the shell that waited for it
wrk_reads() {
    local name=$1 url=$2
    cpu_snapshot >"$dir/cpu-$name-before.txt"
    LOAD_CPU=$load_cpu PHASE=$phase LUA=$lua URL=$url bash -c 'taskset -c "$LOAD_CPU" wrk -t1 -c8 -d"${PHASE}s" \
        --latency -s "$LUA" "$URL"; echo "wrk CPU ticks: $(awk "{ print \$16 + \$17 }" /proc/$$/stat)"' >"$dir/$name.txt"
    cpu_snapshot >"$dir/cpu-$name-after.txt"
    log "$name: $(grep -E 'Requests/sec|Non-2xx|Socket errors' "$dir/$name.txt" | tr -s ' ' | tr '\n' ' ')"
}

pgbench_run() {
    local name=$1; shift
    taskset -c "$load_cpu" pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -c 8 -j 1 -T "$phase" "$@" pgbench \
        >"$dir/$name.log" 2>&1
    log "$name: $(sed -nE 's/^tps = ([0-9.]+) .*/\1/p' "$dir/$name.log") tps"
}

half() { python3 -c "import json,sys; print(max(0.5, round(json.load(open(sys.argv[1]))['rate'] / 2, 1)))" "$1"; }
wrk_half() { python3 -c "import re,sys; print(max(1, round(float(re.search(r'Requests/sec:\s+([0-9.]+)', open(sys.argv[1]).read()).group(1)) / 2)))" "$1"; }

shoppers=32
log "signing up $shoppers shoppers"
dir=$out
drive accounts accounts --prefix shopper --count "$shoppers" >/dev/null
purchase=(purchase --prefix shopper --count "$shoppers")

# The warm-up runs on both cores: seven JVMs compiling on one took minutes to reach their pace, and it is the
# warm shop that is measured. Then every process of the shop (the devstack's session: the entry and the services;
# PostgreSQL, which pg_ctl starts in a session of its own: the postmaster and its children, from which new
# backends fork) is pinned to the shop's core.
log "warming up on both cores: ${warm_up}s of purchases, ${warm_up}s of reads, a third of that of sign-ups and of logins"
drive warm-up-purchases "${purchase[@]}" --products "$products" --workers 8 --seconds "$warm_up" --lead-in 0
drive warm-up-reads reads --products "$products" --workers 8 --seconds "$warm_up" --lead-in 0
drive warm-up-sign-up sign-up --prefix warm-up --workers 2 --seconds $((warm_up / 3)) --lead-in 0
drive warm-up-log-in log-in --prefix shopper --count "$shoppers" --workers 2 --seconds $((warm_up / 3)) --lead-in 0
postmaster=$(head -1 "$devstack_data/postgres/postmaster.pid")
pinned=0
for pid in $(ps -e -o pid=,sid= | awk -v session="$stack" '$2 == session { print $1 }') \
        "$postmaster" $(pgrep -P "$postmaster"); do
    taskset -a -p -c "$shop_cpu" "$pid" >/dev/null && pinned=$((pinned + 1))
done
log "pinned the shop's $pinned processes (the JVMs, PostgreSQL's) to core $shop_cpu"

for round in $(seq 1 "$rounds"); do
    dir="$out/round-$round"
    mkdir -p "$dir"
    log "round $round of $rounds"
    pgbench_run pgbench-tpcb
    pgbench_run pgbench-select -S
    wrk_reads reads-entry "$base"
    wrk_reads reads-product "$product_base"
    drive purchases-many "${purchase[@]}" --products "$products" --workers 8 --seconds "$phase"
    drive purchases-hot "${purchase[@]}" --products "$hot" --workers 8 --seconds "$phase"
    drive reads-half reads --products "$products" --rate "$(wrk_half "$dir/reads-entry.txt")" --connections 8 \
        --seconds "$phase"
    drive purchases-half "${purchase[@]}" --products "$products" --rate "$(half "$dir/purchases-many.json")" \
        --seconds "$phase"
    drive sign-up sign-up --prefix "signed-up-$round" --workers 2 --seconds "$phase"
    drive log-in log-in --prefix shopper --count "$shoppers" --workers 2 --seconds "$phase"
    taskset -c "$shop_cpu" "$JAVA_HOME/bin/java" -Xmx96m -XX:+UseSerialGC \
        -cp "$root/services/user/target/meshmall-user.jar:$root/services/user/target/libs/*" \
        "$root/load-tests/HashCost.java" >"$dir/argon2id.json"
    log "argon2id: $(cat "$dir/argon2id.json")"
done

log "carts of 1 and of 50, a purchase a second"
dir=$out
drive cart-of-1 "${purchase[@]}" --products "$products" --cart-size 1 --rate 1 --seconds "$phase"
drive cart-of-50 "${purchase[@]}" --products "$products" --cart-size 50 --rate 1 --seconds "$phase"

# peak resident memory of each service, from the kernel's high-water mark
for pid in $(pgrep -P "$stack" java || true); do
    service=$(tr '\0' ' ' <"/proc/$pid/cmdline" | sed -nE 's/.*meshmall-([a-z]+)\.jar.*/\1/p')
    echo "$service $(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")"
done >"$out/peak-rss.txt"

python3 "$root/load-tests/bench_report.py" "$out" --phase "$phase" --markdown "$root/load-tests/results/$stamp.md" \
    --benchmarks "$root/docs/BENCHMARKS.md"
cat "$root/load-tests/results/$stamp.md"
