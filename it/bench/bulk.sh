# Sourced by run.sh. Bulk sending (issue 19): N messages of 5 KB (BENCH_BULK_COUNT, default 20,000; a fifth
# with BENCH_QUICK=1) to dev.sendmail.bench.DelaySink, which answers every command 10 ms after it arrived (one
# network round trip). Each measurement runs from just before the first message is handed over until the sink
# reports the Nth message received; the sink is restarted for each, so counts never carry over.
#
# - Postfix (the Debian package, an instance of its own under $WORK/pf: relayhost [127.0.0.1]:SINK, its default
#   destination concurrency of 20, TLS off): every message injected with Postfix's sendmail -t -i, $(nproc) at
#   a time (xargs -P), its daemons already running.
# - send-mail --batch DIR --server 127.0.0.1:SINK --tls off --concurrency 20 (Postfix's default), the same
#   messages, without and with --queue-dir (a fresh queue each time).
# - Direct delivery: N messages to 100 domains d0..d99.bench.test whose MX hosts resolve to 127.0.0.2-101
#   (dev.sendmail.bench.BenchDns), one DelaySink listening on all of them, send-mail --batch --dns --mx-port with
#   --concurrency 1, 8, 32 and 128. No peer: the figure shows how one process scales.

BULK_SINK_PID=
BULK_DNS_PID=
BULK_PF=

# stop PID: ends a process this script started, and reaps it
stop() {
    if [ -n "$1" ]; then
        kill "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}

bulk_cleanup() {
    stop "$BULK_SINK_PID"
    stop "$BULK_DNS_PID"
    if [ -n "$BULK_PF" ]; then
        postfix -c "$BULK_PF/etc" stop >/dev/null 2>&1 || true
    fi
    BULK_SINK_PID= BULK_DNS_PID= BULK_PF=
    return 0
}

# wait_file FILE SECONDS: until FILE is not empty
wait_file() {
    local i
    for i in $(seq 1 $(( $2 * 20 ))); do
        [ -s "$1" ] && return 0
        sleep 0.05
    done
    return 1
}

# bulk_sink COUNT [ADDRESSES]: (re)starts the delaying sink expecting COUNT messages; sets SINK_PORT
bulk_sink() {
    local count=$1 extra=() i
    stop "$BULK_SINK_PID"
    if [ "${2:-}" = 100 ]; then
        for i in $(seq 2 101); do extra+=(--listen "127.0.0.$i"); done
    fi
    rm -f "$WORK/sink.port" "$WORK/sink.out"
    java -XX:+UseSerialGC -cp "$CP" dev.sendmail.bench.DelaySink --listen 127.0.0.1 "${extra[@]}" \
        --port "${SINK_PORT:-0}" --port-file "$WORK/sink.port" --delay-ms 10 --expect "$count" \
        >"$WORK/sink.out" 2>>"$OUT/driver.log" &
    BULK_SINK_PID=$!
    wait_file "$WORK/sink.port" 30 || die "DelaySink did not start (see $OUT/driver.log)"
    SINK_PORT=$(cat "$WORK/sink.port")
}

# sink_done COUNT SECONDS: prints the epoch milliseconds at which the sink had COUNT messages; fails on timeout
sink_done() {
    local i line
    for i in $(seq 1 $(( $2 * 20 ))); do
        line=$(grep -m1 "^received $1 at " "$WORK/sink.out" 2>/dev/null) && { echo "${line##* }"; return 0; }
        sleep 0.05
    done
    return 1
}

now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }

# rate COUNT START_MS END_MS
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", n / ((b - a) / 1000) }'; }

bulk_postfix_setup() {
    local base=$WORK/pf
    command -v postfix >/dev/null || return 1
    chmod 711 "$WORK" # Postfix's daemons run as user postfix and must reach their queue under it
    mkdir -p "$base"/{etc,queue,data}
    chown postfix "$base/data"
    cat >"$base/etc/main.cf" <<MAIN
compatibility_level = 3.6
queue_directory = $base/queue
data_directory = $base/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
mail_owner = postfix
setgid_group = postdrop
myhostname = bench.example.test
mydomain = example.test
myorigin = \$myhostname
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
biff = no
relayhost = [127.0.0.1]:$SINK_PORT
smtp_tls_security_level = none
smtp_dns_support_level = disabled
maillog_file_prefixes = /tmp, /var, $base
maillog_file = $base/maillog
MAIN
    # no smtpd: mail enters through sendmail/postdrop/pickup only
    cat >"$base/etc/master.cf" <<'MASTER'
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
MASTER
    postfix -c "$base/etc" check >>"$OUT/driver.log" 2>&1 || return 1
    postfix -c "$base/etc" start >>"$OUT/driver.log" 2>&1 || return 1
    BULK_PF=$base
    POSTFIX_CONCURRENCY=$(postconf -c "$base/etc" -h default_destination_concurrency_limit)
}

# pf_inject DIR: every .eml file of DIR through Postfix's sendmail, $(nproc) processes at a time
pf_inject() {
    # shellcheck disable=SC2016
    find "$1" -name '*.eml' -print0 | xargs -0 -P "$(nproc)" -n 50 sh -c \
        'for f; do /usr/sbin/sendmail -C "$0" -f bench@bench.test -t -i <"$f" || exit 255; done' "$WORK/pf/etc"
}

# one send-mail --batch run against the running sink: bulk_ours DIR COUNT EXTRA_ARGS...; prints the rate
bulk_ours() {
    local dir=$1 count=$2 t0 t1
    shift 2
    t0=$(now_ms)
    if ! HOME="$WORK/home" timeout 900 "$CLI" --batch "$dir" --quiet "$@" >"$WORK/batch.out" 2>"$WORK/batch.err"; then
        log "send-mail --batch failed: $(tail -2 "$WORK/batch.err" | tr '\n' ' ')"
        return 1
    fi
    t1=$(sink_done "$count" 120) || { log "the sink did not get all $count messages"; return 1; }
    rate "$count" "$t0" "$t1"
}

bulk() {
    local name_plain="bulk relay: send-mail --batch vs Postfix (sendmail injection)"
    local name_queue="bulk relay: send-mail --batch --queue-dir vs Postfix (sendmail injection)"
    local name_direct="bulk direct, 100 domains: send-mail --batch --concurrency"
    wanted "$name_plain" || wanted "$name_queue" || wanted "$name_direct" || return 0
    if [ -z "$CLI" ]; then
        row "$name_plain" "FAILED" "-" "-" ">= 1.0x" "FAILED: no launcher"
        return 0
    fi
    local count=${BENCH_BULK_COUNT:-$(n 20000)}
    log "case: bulk sending, $count messages of 5 KB"
    mkdir -p "$WORK/home"
    java -cp "$CP" dev.sendmail.bench.BulkMessages "$WORK/bulk" "$count" 5k
    java -cp "$CP" dev.sendmail.bench.BulkMessages "$WORK/bulk100" "$count" 5k 100
    java -cp "$CP" dev.sendmail.bench.BulkMessages "$WORK/warm" 200 5k
    local relay_wanted=0
    if wanted "$name_plain" || wanted "$name_queue"; then relay_wanted=1; fi
    # one unmeasured run of 200 messages on each side first (page cache, Postfix's daemons, and the launcher's
    # class archive, made in the background on the first run: it is waited for)
    SINK_PORT=
    bulk_sink 200
    local conc=20 pf_rate="" ours="" queued="" t0 t1 pf_ok=0
    if [ "$relay_wanted" = 1 ] && bulk_postfix_setup; then
        pf_ok=1
        conc=$POSTFIX_CONCURRENCY
        log "Postfix instance in $WORK/pf, relayhost [127.0.0.1]:$SINK_PORT, concurrency $conc"
        pf_inject "$WORK/warm"
        sink_done 200 120 >/dev/null || log "Postfix warm-up: not all 200 messages arrived"
    elif [ "$relay_wanted" = 1 ]; then
        log "Postfix could not be set up (see $OUT/driver.log)"
    fi
    local relay_args=(--server "127.0.0.1:$SINK_PORT" --tls off --concurrency "$conc")
    bulk_sink 200
    bulk_ours "$WORK/warm" 200 "${relay_args[@]}" >/dev/null || log "send-mail warm-up failed"
    local i
    for i in $(seq 1 1200); do
        compgen -G "$WORK/home/.cache/send-mail/*.lock" >/dev/null || break
        sleep 0.1
    done
    if [ "$pf_ok" = 1 ]; then
        bulk_sink "$count"
        t0=$(now_ms)
        pf_inject "$WORK/bulk"
        if t1=$(sink_done "$count" 900); then
            pf_rate=$(rate "$count" "$t0" "$t1")
        else
            log "Postfix did not deliver all $count messages: $(postqueue -c "$WORK/pf/etc" -p | tail -1)"
        fi
    fi
    if [ "$relay_wanted" = 1 ]; then
        bulk_sink "$count"
        ours=$(bulk_ours "$WORK/bulk" "$count" "${relay_args[@]}") || ours=""
        bulk_sink "$count"
        rm -rf "$WORK/queue"
        queued=$(bulk_ours "$WORK/bulk" "$count" "${relay_args[@]}" --queue-dir "$WORK/queue") || queued=""
        bulk_row "$name_plain (concurrency $conc, $count x 5 KB)" "$ours" "$pf_rate"
        bulk_row "$name_queue (concurrency $conc, $count x 5 KB)" "$queued" "$pf_rate"
    fi

    if wanted "$name_direct"; then
        rm -f "$WORK/dns.port"
        java -XX:+UseSerialGC -cp "$CP" dev.sendmail.bench.BenchDns --domains 100 --port-file "$WORK/dns.port" \
            2>>"$OUT/driver.log" &
        BULK_DNS_PID=$!
        wait_file "$WORK/dns.port" 30 || die "BenchDns did not start"
        local c r
        for c in 1 8 32 128; do
            bulk_sink "$count" 100
            if r=$(bulk_ours "$WORK/bulk100" "$count" --dns "127.0.0.1:$(cat "$WORK/dns.port")" \
                    --mx-port "$SINK_PORT" --concurrency "$c"); then
                row "$name_direct $c ($count x 5 KB)" "$(fmt_rate "$r")" "-" "-" "-" "-"
            else
                row "$name_direct $c ($count x 5 KB)" "FAILED" "-" "-" "-" "FAILED: $(tail -1 "$WORK/batch.err" | cut -c1-80)"
            fi
        done
    fi
    bulk_cleanup
}

# bulk_row NAME OURS PEER: ratio and verdict against the >= 1.0x target
bulk_row() {
    if [ -z "$2" ] || [ -z "$3" ]; then
        row "$1" "${2:+$(fmt_rate "$2")}${2:-FAILED}" "${3:+$(fmt_rate "$3")}${3:-FAILED}" "-" ">= 1.0x" "FAILED"
        return 0
    fi
    local ratio verdict
    ratio=$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.2f", a / b }')
    verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 1.0 ? "met" : sprintf("MISSED by %.0f%%", (1 - r) * 100)) }')
    row "$1" "$(fmt_rate "$2")" "$(fmt_rate "$3")" "${ratio}x" ">= 1.0x" "$verdict"
}
