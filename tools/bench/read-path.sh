#!/usr/bin/env bash
# Read-path benchmark (issue 11): billing reads against a bare JAX-RS resource of the same application and the
# admin /ping, with wrk, against a running demo:
#
#   java -jar demo/target/billing-bridge-demo.jar demo        # in another terminal; then
#   tools/bench/read-path.sh
#
# Signs in a demo user through the Clerk dev instance, buys a plan for that user without a browser (the Stripe
# emulator's /_sandbox/checkout/{id}/complete), waits until the subscription is in the snapshot, then for each
# endpoint runs a warm-up and a measured `wrk -t2 -c32 -d10s --latency` (with a fresh session token, which lives
# 60 s) and prints requests/s, p50 and p99, the ratio to the bare endpoint and to /ping, and the server's RSS.
# Loopback only. Settings (environment): BENCH_USER (default user_carol), BENCH_PRICE (pro_monthly),
# BENCH_DURATION (10s), BENCH_WARMUP (5s, 0 to skip), BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_PID (the
# server's pid; default: the process listening on 8080).
set -euo pipefail

API=http://127.0.0.1:8080
ADMIN=http://127.0.0.1:8081
CLERK=http://127.0.0.1:12112
STRIPE=http://127.0.0.1:12111
ORIGIN=http://127.0.0.1:8080
USER_ID=${BENCH_USER:-user_carol}
PRICE=${BENCH_PRICE:-pro_monthly}
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}

fail() { echo "read-path: $*" >&2; exit 1; }
for tool in wrk curl jq ss; do
    command -v "$tool" >/dev/null || fail "needs $tool (Debian: apt-get install wrk curl jq iproute2)"
done

PID=${BENCH_PID:-$(ss -ltnpH 'sport = :8080' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)}
[[ -n "$PID" && -r /proc/$PID/status ]] || fail "no server listening on 127.0.0.1:8080 (start the demo first, or set BENCH_PID)"
curl -fsS -o /dev/null "$ADMIN/ping" || fail "the admin port 8081 does not answer /ping"

token() {
    curl -fsS -X POST "$CLERK/_sandbox/sign-in" -H "Origin: $ORIGIN" -H 'Content-Type: application/json' \
        -d "{\"user_id\":\"$USER_ID\"}" | jq -er .jwt
}

subscriptions() {
    curl -fsS "$API/v1/billing/customer?owner=user" -H "Authorization: Bearer $(token)" \
        | jq -r '.subscriptions | length'
}

if [[ "$(subscriptions)" == 0 ]]; then
    session=$(curl -fsS -X POST "$API/v1/billing/checkout-sessions" -H "Authorization: Bearer $(token)" \
        -H "Origin: $ORIGIN" -H 'Content-Type: application/json' \
        -d "{\"owner\":\"user\",\"price\":\"$PRICE\",\"successUrl\":\"$ORIGIN/demo/\",\"cancelUrl\":\"$ORIGIN/demo/\"}" \
        | jq -er .id)
    curl -fsS -o /dev/null -X POST "$STRIPE/_sandbox/checkout/$session/complete"
    for _ in $(seq 1 120); do
        [[ "$(subscriptions)" != 0 ]] && break
        sleep 0.5
    done
    [[ "$(subscriptions)" != 0 ]] || fail "the subscription did not reach the snapshot within 60 s"
fi
echo "$USER_ID is subscribed; server pid $PID; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# run NAME URL AUTH: warm-up, then the measured run; sets RPS P50 P99 ERRORS.
run() {
    local url=$2 auth=$3 out header=()
    [[ "$auth" == yes ]] && header=(-H "Authorization: Bearer $(token)")
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "$url")
    [[ "$status" == 200 ]] || fail "$1 answered $status before the run"
    if [[ "$WARMUP" != 0 ]]; then
        [[ "$auth" == yes ]] && header=(-H "Authorization: Bearer $(token)")
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${header[@]}" "$url" >/dev/null
    fi
    [[ "$auth" == yes ]] && header=(-H "Authorization: Bearer $(token)")
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${header[@]}" "$url")
    RPS=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    P50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    P99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    ERRORS=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
    ERRORS=${ERRORS:-0}
    local socket
    socket=$(awk '/Socket errors:/ {print $0}' <<<"$out")
    [[ -z "$socket" ]] || ERRORS="$ERRORS (${socket# *})"
}

declare -A rps p50 p99 errors
names=(bare customer prices ping)
declare -A urls=(
    [bare]="$API/_bench/bare"
    [customer]="$API/v1/billing/customer?owner=user"
    [prices]="$API/v1/billing/prices?owner=user"
    [ping]="$ADMIN/ping"
)
declare -A auths=([bare]=no [customer]=yes [prices]=yes [ping]=no)
declare -A labels=(
    [bare]="GET /_bench/bare (demo only, no auth)"
    [customer]="GET /v1/billing/customer?owner=user"
    [prices]="GET /v1/billing/prices?owner=user"
    [ping]="GET :8081/ping (admin)"
)
for name in "${names[@]}"; do
    run "$name" "${urls[$name]}" "${auths[$name]}"
    rps[$name]=$RPS; p50[$name]=$P50; p99[$name]=$P99; errors[$name]=$ERRORS
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up), loopback"
printf '%-40s %12s %10s %10s %9s %9s  %s\n' endpoint requests/s p50 p99 "/ bare" "/ ping" "non-2xx"
for name in "${names[@]}"; do
    printf '%-40s %12.0f %10s %10s %9.2f %9.2f  %s\n' "${labels[$name]}" "${rps[$name]}" "${p50[$name]}" \
        "${p99[$name]}" "$(awk -v a="${rps[$name]}" -v b="${rps[bare]}" 'BEGIN {print a / b}')" \
        "$(awk -v a="${rps[$name]}" -v b="${rps[ping]}" 'BEGIN {print a / b}')" "${errors[$name]}"
done
echo "server memory (pid $PID): $(awk '/^VmRSS|^VmHWM/ {printf "%s %s %s  ", $1, $2, $3}' /proc/"$PID"/status)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
