#!/usr/bin/env bash
# send-mail benchmarks against the peers (issue 9), in one command from a fresh clone, as root:
#
#     it/bench/run.sh
#
# Installs what is missing (postfix for smtp-sink/smtp-source, msmtp, GNU time), builds the project, starts
# smtp-sink on a free loopback port, runs every case beside its peer in the same run (interleaved rounds after
# a warm-up, medians) and prints one table. Loopback only. Environment:
#   BENCH_QUICK=1       a smoke run: a fifth of the messages, 3 rounds, shorter JMH
#   BENCH_SKIP_BUILD=1  use the jars already built (it/target/bench.classpath must exist)
#   BENCH_ONLY=REGEX    run only the cases whose name matches REGEX (grep -E)
#   BENCH_ROUNDS=N      measured rounds per case (default 7)
#   BENCH_BULK_COUNT=N  messages per bulk run (default 20000; 4000 with BENCH_QUICK=1), see bulk.sh
# The table also goes to it/target/bench/table.md, the raw driver output to it/target/bench/driver.log.
set -euo pipefail
export LC_ALL=C # decimal points in $EPOCHREALTIME and awk

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=$ROOT/it/target/bench
WORK=$(mktemp -d /tmp/send-mail-bench.XXXXXX)
QUICK=${BENCH_QUICK:-0}
ROUNDS=${BENCH_ROUNDS:-$([ "$QUICK" = 1 ] && echo 3 || echo 7)}
ONLY=${BENCH_ONLY:-.}
SINK_PID=
PORT=
START=$(date +%s)
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

cleanup() {
    declare -F bulk_cleanup >/dev/null && bulk_cleanup
    if [ -n "$SINK_PID" ] && kill -0 "$SINK_PID" 2>/dev/null; then
        kill "$SINK_PID" 2>/dev/null || true
        wait "$SINK_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- tools
install_tools() {
    local missing=() pkgs=()
    command -v smtp-sink >/dev/null && command -v smtp-source >/dev/null || { missing+=(smtp-sink); pkgs+=(postfix); }
    command -v msmtp >/dev/null || { missing+=(msmtp); pkgs+=(msmtp); }
    [ -x /usr/bin/time ] || { missing+=(/usr/bin/time); pkgs+=(time); }
    command -v ss >/dev/null || { missing+=(ss); pkgs+=(iproute2); }
    command -v java >/dev/null || { missing+=(java); pkgs+=(openjdk-17-jdk-headless); }
    command -v mvn >/dev/null || { missing+=(mvn); pkgs+=(maven); }
    [ ${#pkgs[@]} -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: run as root to install ${pkgs[*]}, or install them"
    log "installing ${pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get update -q >"$WORK/apt.log" 2>&1 || die "apt-get update failed (see below)"$'\n'"$(tail -5 "$WORK/apt.log")"
    timeout 900 apt-get install -y -q --no-install-recommends "${pkgs[@]}" >>"$WORK/apt.log" 2>&1 \
        || die "apt-get install ${pkgs[*]} failed"$'\n'"$(tail -5 "$WORK/apt.log")"
}

build() {
    mkdir -p "$OUT"
    if [ "${BENCH_SKIP_BUILD:-0}" = 1 ] && [ -s "$ROOT/it/target/bench.classpath" ]; then
        log "BENCH_SKIP_BUILD=1: using the existing build"
    else
        log "building (mvn -B -q -DskipTests package)"
        local goals=(package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -DincludeScope=runtime)
        if ! (cd "$ROOT" && timeout 1200 mvn -B -q -DskipTests "${goals[@]}") >"$OUT/build.log" 2>&1; then
            # the benchmarks need no test classes: a module whose tests do not compile must not stop them
            log "build with test compilation failed ($(grep -m1 ERROR "$OUT/build.log" | cut -c1-100)); retrying without tests"
            (cd "$ROOT" && timeout 1200 mvn -B -q -Dmaven.test.skip=true "${goals[@]}") >>"$OUT/build.log" 2>&1 \
                || die "build failed; see $OUT/build.log"$'\n'"$(grep -m5 ERROR "$OUT/build.log" || tail -5 "$OUT/build.log")"
        fi
    fi
    CP="$ROOT/it/target/classes:$(cat "$ROOT/it/target/bench.classpath")"
    CLI=
    for c in "$ROOT/cli/target/send-mail-dist/bin/send-mail" "$ROOT/send-mail"; do
        if [ -x "$c" ]; then CLI=$c; break; fi
    done
}

# ---------------------------------------------------------------- smtp-sink
free_port() {
    local p i
    for i in $(seq 1 200); do
        p=$((20000 + RANDOM % 40000))
        if [ -z "$(ss -Hltn "sport = :$p")" ]; then echo "$p"; return 0; fi
    done
    die "no free port found"
}

start_sink() {
    local user=() try i
    [ "$(id -u)" = 0 ] && user=(-u nobody)
    for try in 1 2 3 4 5; do
        PORT=$(free_port)
        smtp-sink "${user[@]}" -4 "127.0.0.1:$PORT" 1024 >"$WORK/sink.log" 2>&1 &
        SINK_PID=$!
        for i in $(seq 1 100); do
            kill -0 "$SINK_PID" 2>/dev/null || break
            if [ -n "$(ss -Hltn "sport = :$PORT")" ]; then
                log "smtp-sink (pid $SINK_PID) on 127.0.0.1:$PORT"
                return 0
            fi
            sleep 0.05
        done
        kill "$SINK_PID" 2>/dev/null || true
        wait "$SINK_PID" 2>/dev/null || true
        SINK_PID=
    done
    die "smtp-sink did not start: $(cat "$WORK/sink.log")"
}

# ---------------------------------------------------------------- the table
# the driver's last line (see LoadDriver)
RESULT_RE='ours=([0-9.]+) peer=([0-9.]+) ratio=([0-9.]+) cpu_ours_us=([^ ]+) cpu_peer_us=([^ ]+)'
HEAP_RE='ours=([0-9.]+) peer=([0-9.]+) ratio=[^ ]+ cpu_ours_us=[^ ]+ cpu_peer_us=[^ ]+ heap_peak_mb=([0-9.]+) heap_max_mb=([0-9.]+)'

# row CASE OURS PEER RATIO TARGET VERDICT
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$WORK/table.tsv"; }
wanted() { grep -Eq -- "$ONLY" <<<"$1"; }
n() { # scaled message count
    if [ "$QUICK" = 1 ]; then echo $(( ($1 + 4) / 5 )); else echo "$1"; fi
}
fmt_cpu() { awk -v v="$1" 'BEGIN { if (v == "NaN" || v == "") print "CPU ?"; else printf "%.0f us CPU", v }'; }
fmt_rate() { awk -v v="$1" 'BEGIN { if (v >= 100) printf "%.0f/s", v; else printf "%.1f/s", v }'; }

# load CASE MIN_RATIO CLIENT SIZE MESSAGES RECIPIENTS CONNECTIONS PEER_EXTRA_FLAGS
# Our client and smtp-source send the same number of messages with the same body size per round.
load() {
    local name=$1 min=$2 client=$3 size=$4 count=$5 rcpts=$6 conns=$7 peerflags=$8
    wanted "$name" || return 0
    local bytes out ours peer ratio verdict
    bytes=$(size_bytes "$size")
    log "case: $name ($count messages x $ROUNDS rounds)"
    # shellcheck disable=SC2086
    if out=$(BENCH_SINK_PID=$SINK_PID timeout 600 java -cp "$CP" dev.sendmail.bench.LoadDriver --client "$client" \
            --port "$PORT" --size "$size" --messages "$count" --recipients "$rcpts" --connections "$conns" \
            --rounds "$ROUNDS" --warmup "$(warmup_for "$bytes")" --max-seconds 20 \
            -- smtp-source -4 -M bench.example.test -f bench@example.test -t r0@example.test \
               -l "$bytes" -m "$count" $peerflags "127.0.0.1:$PORT" 2>>"$OUT/driver.log") \
            && [[ $out =~ $RESULT_RE ]]; then
        ours=${BASH_REMATCH[1]}; peer=${BASH_REMATCH[2]}
        local cpu_ours=${BASH_REMATCH[4]} cpu_peer=${BASH_REMATCH[5]}
        ratio=$(awk -v r="${BASH_REMATCH[3]}" 'BEGIN { printf "%.2f", r }')
        if [ "$min" = - ]; then verdict="-"
        else verdict=$(awk -v r="$ratio" -v m="$min" 'BEGIN { print (r >= m ? "met" : sprintf("MISSED by %.0f%%", (1 - r / m) * 100)) }')
        fi
        row "$name" "$(fmt_rate "$ours"), $(fmt_cpu "$cpu_ours")" "$(fmt_rate "$peer"), $(fmt_cpu "$cpu_peer")" "${ratio}x" "$([ "$min" = - ] && echo - || echo ">= ${min}x")" "$verdict"
    else
        row "$name" "FAILED" "-" "-" "$([ "$min" = - ] && echo - || echo ">= ${min}x")" "FAILED: $(tail -1 "$OUT/driver.log" | cut -c1-80)"
    fi
}

size_bytes() { case $1 in *k) echo $(( ${1%k} * 1024 ));; *m) echo $(( ${1%m} * 1048576 ));; *) echo "$1";; esac; }
# small messages: 5000 (the JIT needs that many to settle); the driver warms up with 1 KB messages and then two
# full-size ones when 1000 full-size ones would be too many
warmup_for() { if [ "$1" -le 4096 ]; then echo 5000; else echo 1000; fi; }

# big TRANSPORT: one 100 MB message with -Xmx64m
big() {
    local client=$1 name="100 MB, one message, -Xmx64m: $1"
    wanted "$name" || return 0
    local bytes=$((100 * 1048576)) out
    log "case: $name"
    if out=$(timeout 600 /usr/bin/time -f 'rss_kb=%M' -o "$WORK/big.rss" java -Xmx64m -cp "$CP" \
            dev.sendmail.bench.LoadDriver --client "$client" --port "$PORT" --size 100m --messages 1 \
            --rounds 1 --warmup 0 --max-seconds 300 --heap \
            -- smtp-source -4 -M bench.example.test -f bench@example.test -t r0@example.test \
               -l "$bytes" -m 1 -d "127.0.0.1:$PORT" 2>>"$OUT/driver.log") \
            && [[ $out =~ $HEAP_RE ]]; then
        local mbs peer_mbs rss
        mbs=$(awk -v r="${BASH_REMATCH[1]}" -v b="$bytes" 'BEGIN { printf "%.0f", r * b / 1e6 }')
        peer_mbs=$(awk -v r="${BASH_REMATCH[2]}" -v b="$bytes" 'BEGIN { printf "%.0f", r * b / 1e6 }')
        rss=$(sed -n 's/.*rss_kb=\([0-9]*\).*/\1/p' "$WORK/big.rss" | awk '{ printf "%.0f", $1 / 1024 }')
        row "$name" "sent, peak heap ${BASH_REMATCH[3]} MB, RSS ${rss} MB, ${mbs} MB/s" "${peer_mbs} MB/s" "-" \
            "succeeds in 64 MB heap" "met"
    else
        row "$name" "FAILED" "-" "-" "succeeds in 64 MB heap" "MISSED: $(tail -1 "$OUT/driver.log" | cut -c1-80)"
    fi
}

. "$ROOT/it/bench/process.sh"
. "$ROOT/it/bench/bulk.sh"
. "$ROOT/it/bench/jmh.sh"

print_table() {
    local date machine
    date=$(date -u '+%Y-%m-%d %H:%M UTC')
    machine="$(nproc) cores, $(free -h | awk '/^Mem:/ { print $2 }') RAM, $(java -version 2>&1 | head -1), $(uname -sr)"
    machine="$machine, load average $LOAD_START at the start and $(cut -d' ' -f1 /proc/loadavg) at the end"
    {
        echo "send-mail benchmarks, $date; $machine; smtp-sink on 127.0.0.1:$PORT"
        echo "rates: medians of $ROUNDS interleaved rounds; ratio: median of the per-round ratios;"
        echo "us CPU: median CPU time per message (ours: the whole JVM; the peer: its process)"
        echo
        awk -F'\t' '
            { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } rows = NR }
            END {
                for (r = 1; r <= rows; r++) {
                    line = ""
                    for (i = 1; i <= 6; i++) line = line sprintf("%-" w[i] "s", cell[r, i]) (i < 6 ? "  " : "")
                    print line
                    if (r == 1) { line = ""; for (i = 1; i <= 6; i++) { s = sprintf("%" w[i] "s", ""); gsub(/ /, "-", s); line = line s (i < 6 ? "  " : "") } print line }
                }
            }' "$WORK/table.tsv"
    } | tee "$OUT/table.txt"
    {
        echo "Measured $date on $machine."
        echo
        echo "Rates are medians of $ROUNDS interleaved rounds; a ratio is the median of the per-round ratios (ours"
        echo "over the peer's in the same round). \"us CPU\" is the median CPU time per message: for us the whole"
        echo "JVM (JIT and GC included), for the peer its process."
        echo
        awk -F'\t' 'NR == 1 { print "| " $1 " | " $2 " | " $3 " | " $4 " | " $5 " | " $6 " |"; print "|---|---|---|---|---|---|"; next }
                    { print "| " $1 " | " $2 " | " $3 " | " $4 " | " $5 " | " $6 " |" }' "$WORK/table.tsv"
    } >"$OUT/table.md"
}

main() {
    install_tools
    build
    : >"$OUT/driver.log"
    start_sink
    printf 'case\tsend-mail\tpeer\tratio\ttarget\tresult\n' >"$WORK/table.tsv"
    local src="-d"
    load "1 KB, 1 connection: socket vs smtp-source -d"              1.0 socket  1k   "$(n 4000)" 1  1 "$src"
    load "1 KB, 8 connections: socket vs smtp-source -d -s 8"        1.0 socket  1k   "$(n 6000)" 1  8 "$src -s 8"
    load "1 KB, 10 recipients: socket vs smtp-source -d -r 10"       3.0 socket  1k   "$(n 2000)" 10 1 "$src -r 10"
    load "100 KB, 1 connection: socket vs smtp-source -d"            0.9 socket  100k "$(n 800)"  1  1 "$src"
    load "10 MB, 1 connection: socket vs smtp-source -d"             0.9 socket  10m  "$(n 15)"   1  1 "$src"
    load "1 KB, 1 connection: jakarta vs smtp-source -d"             -   jakarta 1k   "$(n 3000)" 1  1 "$src"
    load "100 KB, 1 connection: jakarta vs smtp-source -d"           0.3 jakarta 100k "$(n 800)"  1  1 "$src"
    load "1 KB, 1 connection: Angus as shipped vs smtp-source -d"    -   angus   1k   "$(n 2000)" 1  1 "$src"
    load "100 KB, 1 connection: Angus as shipped vs smtp-source -d"  -   angus   100k "$(n 400)"  1  1 "$src"
    load "1 KB, Angus Transport.send (connection per message) vs smtp-source" - angus-static 1k "$(n 400)" 1 1 ""
    per_process
    bulk
    big socket
    big jakarta
    jmh
    print_table
    log "done in $(( $(date +%s) - START )) s; table in $OUT/table.md"
}

main "$@"
