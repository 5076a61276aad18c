#!/usr/bin/env bash
# The compose system, really run on this machine: builds every image from compose/Dockerfile on local stand-in
# base images (compose/local/), starts compose.yaml with compose/local/compose.yaml over it (all but Grafana),
# waits for every health check, then as a shopper on the published ports: registers, logs in, adds to the cart,
# checks out to a PAID order and sees it in the orders; sees Prometheus scrape every service; stops order's
# container, sees its routes refused at once, starts it again and finds the order still there. Everything it
# made (containers, volumes, network, images, build cache) is removed at the end, passed or failed.
# Needs root, or podman, podman-compose and mmdebstrap already installed; as root it installs Debian's.
# Uses the services' jars of the last ./mvnw package (or install, or verify), building them when missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
project=meshmall-smoke
services=(auth user product cart order payment checkout)
admin_email=smoke-admin@example.com
admin_password=smoke-admin-password-1
started=$SECONDS

say() { echo "smoke | $(date +%T) $*"; }
fail() { echo "smoke | FAILED: $*" >&2; exit 1; }

install_tools() {
    local missing=()
    for tool in podman buildah runc iptables mmdebstrap podman-compose; do
        command -v "$tool" >/dev/null || missing+=("$tool")
    done
    [ ${#missing[@]} -eq 0 ] && return
    [ "$(id -u)" = 0 ] || fail "missing ${missing[*]}: run as root to install Debian's, or install them"
    say "installing ${missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah runc iptables mmdebstrap podman-compose \
        netavark aardvark-dns >/dev/null
}

# crun fails on hosts with hybrid cgroups, and without the ulimits every run fails with "error setting rlimit
# type 7". A drop-in, so that an existing containers.conf is left as it is.
configure_podman() {
    local dropin=/etc/containers/containers.conf.d/meshmall.conf
    [ -e "$dropin" ] || [ "$(id -u)" != 0 ] && return
    mkdir -p "$(dirname "$dropin")"
    cat > "$dropin" <<'EOF'
# written by meshmall's compose/smoke-test.sh: runc and cgroupfs, as this kind of host needs
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
EOF
}

check_engine() {
    local out
    out=$(podman run --rm meshmall-local/debian:bookworm true 2>&1) \
        || fail "podman cannot run a container here: $out"
}

compose() {
    podman-compose -p "$project" -f compose/compose.yaml -f compose/local/compose.yaml "$@"
}

container() {
    echo "${project}_$1_1"
}

# podman runs health checks from systemd timers; with no systemd (a container, a CI runner) nothing runs them
health_ticker() {
    while sleep 2; do
        for id in $(podman ps -q --filter "label=io.podman.compose.project=$project"); do
            podman healthcheck run "$id" >/dev/null 2>&1 || true
        done
    done
}

wait_healthy() {
    local deadline=$((SECONDS + 180)) service status
    for service in "$@"; do
        while true; do
            status=$(podman inspect --format '{{.State.Health.Status}}' "$(container "$service")" 2>/dev/null || echo missing)
            [ "$status" = healthy ] && break
            [ $SECONDS -lt $deadline ] || fail "$service is not healthy after 180 s ($status)"
            sleep 1
        done
    done
    say "healthy: $*"
}

wait_exited() {
    local deadline=$((SECONDS + 120)) state
    while state=$(podman inspect --format '{{.State.Status}} {{.State.ExitCode}}' "$(container "$1")"); [ "${state% *}" != exited ]; do
        [ $SECONDS -lt $deadline ] || fail "$1 has not finished after 120 s"
        sleep 1
    done
    [ "${state#* }" = 0 ] || { podman logs "$(container "$1")" >&2; fail "$1 exited with ${state#* }"; }
}

# up in the order of compose.yaml's depends_on conditions, which podman-compose 1.0.3 does not wait for
up() {
    compose up -d --no-deps "$@" >/dev/null
}

teardown() {
    local status=$?
    set +e
    [ -n "${ticker:-}" ] && kill "$ticker" 2>/dev/null
    if [ $status -ne 0 ]; then
        for service in "${services[@]}" postgres; do
            echo "--- $service (its last lines but the access log)" >&2
            podman logs "$(container "$service")" 2>&1 | grep -v '"meshmall.access"' | tail -25 >&2
        done
    fi
    say "tearing down"
    compose down -v >/dev/null 2>&1
    podman ps -aq --filter "label=io.podman.compose.project=$project" | xargs -r podman rm -f >/dev/null 2>&1
    podman volume ls -q --filter "label=io.podman.compose.project=$project" | xargs -r podman volume rm -f >/dev/null 2>&1
    podman network rm -f "${project}_default" >/dev/null 2>&1
    for service in "${services[@]}"; do
        podman rmi -f "meshmall/$service:dev" >/dev/null 2>&1
    done
    # the build's intermediate layers, untagged once the images are gone
    podman image prune -f >/dev/null 2>&1
    remove_firewall_rules
    say "$([ $status -eq 0 ] && echo passed || echo failed) in $((SECONDS - started)) s"
    exit $status
}

# podman's network backend leaves its chains and their jumps behind: removed when they were not there before
# the run and no container is left that could use them
remove_firewall_rules() {
    [ "$firewall_before" = 0 ] && [ -z "$(podman ps -q)" ] || return 0
    local table chain rule
    for table in filter nat; do
        iptables-save -t "$table" | grep '^-A' | grep -v '^-A NETAVARK' | grep NETAVARK | sed 's/^-A/-D/' \
            | while read -r rule; do eval iptables -t "$table" "$rule"; done
        for chain in $(iptables-save -t "$table" | grep -o '^:NETAVARK[^ ]*' | tr -d :); do
            iptables -t "$table" -F "$chain"
        done
        for chain in $(iptables-save -t "$table" | grep -o '^:NETAVARK[^ ]*' | tr -d :); do
            iptables -t "$table" -X "$chain"
        done
    done
}

# curl on a published port: prints the body, fails with the status and body unless 2xx
call() {
    local method=$1 url=$2
    shift 2
    local out code
    out=$(curl -sS --max-time 30 -w '\n%{http_code}' -X "$method" "$url" "$@") || fail "$method $url: no answer"
    code=${out##*$'\n'}
    [[ $code == 2* ]] || fail "$method $url answered $code: ${out%$'\n'*}"
    echo "${out%$'\n'*}"
}

install_tools
configure_podman
for service in "${services[@]}"; do
    [ -f "services/$service/target/meshmall-$service.jar" ] && continue
    say "building the jars (./mvnw package)"
    source scripts/java-home.sh
    ./mvnw -q -B -DskipTests package
    break
done
for port in 8081 8082 8083 8084 8085 8086 8087 9090; do
    ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || fail "127.0.0.1:$port is taken; compose publishes there"
done

firewall_before=$(iptables-save | grep -c NETAVARK || true)
say "local base images"
ENGINE=podman compose/local/images.sh
source scripts/java-home.sh
export LOCAL_JDK_IMAGE="meshmall-local/jdk:$(java_major "$JAVA_HOME/bin/java")"
check_engine
export GRAFANA_ADMIN_PASSWORD=unused-grafana-is-left-out
export MESHMALL_ADMIN_EMAIL=$admin_email MESHMALL_ADMIN_PASSWORD=$admin_password
trap teardown EXIT

say "building the images of ${services[*]}"
compose build "${services[@]}" >/dev/null
for service in "${services[@]}"; do
    say "  meshmall/$service:dev $(podman image inspect --format '{{.Size}}' "meshmall/$service:dev" | awk '{printf "%.0f MB", $1 / 1e6}')"
done

health_ticker &
ticker=$!
up postgres certs prometheus
wait_exited certs
wait_healthy postgres
up auth && wait_healthy auth
up user product && wait_healthy user product
up cart order payment && wait_healthy cart order payment
up checkout && wait_healthy checkout

say "a shopper's checkout"
admin=$(call POST http://127.0.0.1:8081/api/v1/auth/login -H 'Content-Type: application/json' \
    -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" | jq -r .access_token)
product=$(call POST http://127.0.0.1:8083/api/v1/products -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' \
    -d '{"name":"Smoke test lamp","description":"A lamp for the smoke test.","price":{"amount":2499,"currency":"USD"},"categories":["home"],"stock":5}' \
    | jq -r .id)
call POST http://127.0.0.1:8082/api/v1/users -H 'Content-Type: application/json' \
    -d '{"email":"ada@example.com","password":"correct horse battery","name":"Ada"}' >/dev/null
token=$(call POST http://127.0.0.1:8081/api/v1/auth/login -H 'Content-Type: application/json' \
    -d '{"email":"ada@example.com","password":"correct horse battery"}' | jq -r .access_token)
call POST http://127.0.0.1:8084/api/v1/cart/items -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"product_id\":\"$product\",\"quantity\":2}" >/dev/null
call POST http://127.0.0.1:8086/api/v1/checkout -H "Authorization: Bearer $token" -H 'Idempotency-Key: smoke-1' \
    -H 'Content-Type: application/json' \
    -d '{"address":{"name":"Ada Lovelace","street_address":"12 St James Square","city":"London","country":"GB","zip_code":"SW1Y 4JH"},
         "card":{"number":"4242424242424242","exp_month":12,"exp_year":2031,"cvv":"123","holder_name":"Ada Lovelace"},
         "email":"ada@example.com"}' >/dev/null
orders=$(call GET 'http://127.0.0.1:8085/api/v1/orders?page=1&size=10' -H "Authorization: Bearer $token")
order=$(jq -r '.items[0].id' <<<"$orders")
[ "$(jq -r '.items[0].status' <<<"$orders")" = PAID ] || fail "the order is not PAID: $orders"
say "order $order is PAID"

say "Prometheus scrapes every service"
deadline=$((SECONDS + 60))
until targets=$(curl -sS --max-time 5 http://127.0.0.1:9090/api/v1/targets) \
        && [ "$(jq '[.data.activeTargets[] | select(.health == "up" and .scrapeUrl == "http://\(.labels.app):8080/observe/metrics")] | length' <<<"$targets")" = ${#services[@]} ]; do
    [ $SECONDS -lt $deadline ] || fail "Prometheus targets not all up: $(jq -c '[.data.activeTargets[] | {job: .labels.job, health, lastError}]' <<<"$targets")"
    sleep 2
done

say "order stopped: its routes are refused at once"
podman stop -t 10 "$(container order)" >/dev/null
begin=$SECONDS
code=0
curl -sS --max-time 10 -o /dev/null "http://127.0.0.1:8085/api/v1/orders" -H "Authorization: Bearer $token" 2>/dev/null || code=$?
[ $code = 7 ] || fail "GET /api/v1/orders with order stopped: curl exit $code, not 7 (connection refused)"
[ $((SECONDS - begin)) -le 2 ] || fail "the refusal took $((SECONDS - begin)) s"
podman start "$(container order)" >/dev/null
wait_healthy order
orders=$(call GET 'http://127.0.0.1:8085/api/v1/orders?page=1&size=10' -H "Authorization: Bearer $token")
[ "$(jq -r --arg id "$order" '[.items[] | select(.id == $id and .status == "PAID")] | length' <<<"$orders")" = 1 ] \
    || fail "order $order is not there after the restart: $orders"
say "order back, order $order still PAID"
