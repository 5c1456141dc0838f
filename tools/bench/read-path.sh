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
# 60 s), BENCH_ROUNDS times over all endpoints in turn, and prints the median requests/s, p50 and p99 of each
# endpoint, their ratios to the bare endpoint and to /ping (medians of the per-round ratios), the Stripe calls and
# database reads per billing read (from the server's Prometheus metrics), and the server's RSS.
# Endpoints: the bare resource, the billing read, the billing read with If-None-Match of its current ETag (304),
# the prices, the admin /ping. Loopback only. Settings (environment): BENCH_USER (default user_carol),
# BENCH_PRICE (pro_monthly), BENCH_DURATION (10s), BENCH_WARMUP (5s, 0 to skip), BENCH_ROUNDS (3),
# BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_PID (the server's pid; default: the process on port 8080).
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
ROUNDS=${BENCH_ROUNDS:-3}
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

# metric SERIES: the sum of the admin port's Prometheus samples whose name and labels start with SERIES.
metric() {
    curl -fsS "$ADMIN/metrics/prometheus" | awk -v series="$1" 'index($0, series) == 1 {sum += $NF} END {printf "%d", sum}'
}

# The server's Stripe calls and owner reads around the measured billing-read runs (not their warm-ups).
stripe_calls=0 memory_reads=0 database_reads=0
counters_before() {
    stripe_before=$(metric billing_stripe_requests_total)
    memory_before=$(metric 'billing_owner_reads_total{source="memory"}')
    database_before=$(metric 'billing_owner_reads_total{source="database"}')
}
counters_after() {
    stripe_calls=$((stripe_calls + $(metric billing_stripe_requests_total) - stripe_before))
    memory_reads=$((memory_reads + $(metric 'billing_owner_reads_total{source="memory"}') - memory_before))
    database_reads=$((database_reads + $(metric 'billing_owner_reads_total{source="database"}') - database_before))
}

# run NAME URL AUTH [ETAG]: warm-up, then the measured run; sets RPS P50 P99 ERRORS REQUESTS.
run() {
    local url=$2 auth=$3 etag=${4:-} out header=() expected=200
    [[ -n "$etag" ]] && expected=304
    headers() {
        header=()
        [[ "$auth" == yes ]] && header+=(-H "Authorization: Bearer $(token)")
        [[ -n "$etag" ]] && header+=(-H "If-None-Match: $etag")
        return 0
    }
    headers
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "$url")
    [[ "$status" == "$expected" ]] || fail "$1 answered $status before the run (expected $expected)"
    if [[ "$WARMUP" != 0 ]]; then
        headers
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${header[@]}" "$url" >/dev/null
    fi
    headers
    [[ "$1" == customer ]] && counters_before
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${header[@]}" "$url")
    [[ "$1" == customer ]] && counters_after
    RPS=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    REQUESTS=$(awk '/requests in/ {print $1}' <<<"$out")
    P50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    P99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    # wrk counts a 304 as 3xx: only 4xx/5xx and socket errors are errors here.
    ERRORS=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
    ERRORS=${ERRORS:-0}
    [[ -n "$etag" ]] && ERRORS="$ERRORS (304s)"
    local socket
    socket=$(awk '/Socket errors:/ {print $0}' <<<"$out")
    [[ -z "$socket" ]] || ERRORS="$ERRORS (${socket# *})"
}

# millis TEXT: wrk's latency ("812.00us", "1.20ms", "2.01s") in milliseconds.
millis() {
    awk -v t="$1" 'BEGIN {
        if (t ~ /us$/) { sub(/us$/, "", t); print t / 1000 }
        else if (t ~ /ms$/) { sub(/ms$/, "", t); print t + 0 }
        else if (t ~ /s$/) { sub(/s$/, "", t); print t * 1000 }
        else print t }'
}

# median VALUES...: the median of the numbers given.
median() {
    printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

names=(bare customer customer304 prices ping)
declare -A urls=(
    [bare]="$API/_bench/bare"
    [customer]="$API/v1/billing/customer?owner=user"
    [customer304]="$API/v1/billing/customer?owner=user"
    [prices]="$API/v1/billing/prices?owner=user"
    [ping]="$ADMIN/ping"
)
declare -A auths=([bare]=no [customer]=yes [customer304]=yes [prices]=yes [ping]=no)
declare -A labels=(
    [bare]="GET /_bench/bare (demo only, no auth)"
    [customer]="GET /v1/billing/customer?owner=user"
    [customer304]="  the same, If-None-Match: its ETag (304)"
    [prices]="GET /v1/billing/prices?owner=user"
    [ping]="GET :8081/ping (admin)"
)
ETAG=$(curl -fsS -D - -o /dev/null "${urls[customer]}" -H "Authorization: Bearer $(token)" \
    | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
if [[ -z "$ETAG" ]]; then
    echo "the billing read carries no ETag (a build before conditional reads): no 304 run"
    names=(bare customer prices ping)
fi

declare -A all_rps all_p50 all_p99 all_bare all_ping errors
customer_requests=0
for round in $(seq 1 "$ROUNDS"); do
    declare -A round_rps=()
    for name in "${names[@]}"; do
        etag=""
        [[ "$name" == customer304 ]] && etag=$ETAG
        run "$name" "${urls[$name]}" "${auths[$name]}" "$etag"
        [[ "$name" == customer ]] && customer_requests=$((customer_requests + REQUESTS))
        round_rps[$name]=$RPS
        all_rps[$name]+="$RPS "; all_p50[$name]+="$(millis "$P50") "; all_p99[$name]+="$(millis "$P99") "
        errors[$name]="${errors[$name]:-}${errors[$name]:+, }$ERRORS"
    done
    for name in "${names[@]}"; do
        all_bare[$name]+="$(awk -v a="${round_rps[$name]}" -v b="${round_rps[bare]}" 'BEGIN {print a / b}') "
        all_ping[$name]+="$(awk -v a="${round_rps[$name]}" -v b="${round_rps[ping]}" 'BEGIN {print a / b}') "
    done
    echo "round $round of $ROUNDS done; load average $(cut -d' ' -f1-3 /proc/loadavg)"
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up), loopback; medians of $ROUNDS rounds"
printf '%-44s %11s %9s %9s %7s %7s  %s\n' endpoint requests/s "p50 ms" "p99 ms" "/ bare" "/ ping" "non-2xx per round"
for name in "${names[@]}"; do
    # shellcheck disable=SC2086
    printf '%-44s %11.0f %9.2f %9.2f %7.2f %7.2f  %s\n' "${labels[$name]}" "$(median ${all_rps[$name]})" \
        "$(median ${all_p50[$name]})" "$(median ${all_p99[$name]})" "$(median ${all_bare[$name]})" \
        "$(median ${all_ping[$name]})" "${errors[$name]}"
done
for name in "${names[@]}"; do
    echo "  $name per round: requests/s ${all_rps[$name]}; p99 ms ${all_p99[$name]}"
done
echo "billing reads measured: $customer_requests; Stripe calls during them: $stripe_calls;" \
    "owner reads from memory: $memory_reads, from the database: $database_reads"
echo "server memory (pid $PID): $(awk '/^VmRSS|^VmHWM/ {printf "%s %s %s  ", $1, $2, $3}' /proc/"$PID"/status)"
echo "server JVM flags: $(tr '\0' ' ' < /proc/"$PID"/cmdline | grep -o -- ' -X[^ ]*' | tr -d '\n')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
