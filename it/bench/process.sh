# Sourced by run.sh. One message per process: the send-mail launcher vs msmtp, same 1 KB message, same sink.
# Wall time is taken around each process with $EPOCHREALTIME, peak RSS from GNU time (%M). Two unmeasured
# runs of each first (page cache, class-data sharing archive: the launcher's background training started by the
# first is waited for), then runs that alternate which one goes first.

# one_process OUT_FILE COMMAND...: appends "WALL_MS RSS_KB" to OUT_FILE; fails when the command fails
one_process() {
    local out=$1 t0 t1
    shift
    t0=$EPOCHREALTIME
    if ! HOME="$WORK/home" timeout 60 /usr/bin/time -f '%M' -o "$WORK/proc.rss" "$@" \
            <"$WORK/msg.eml" >"$WORK/proc.out" 2>"$WORK/proc.err"; then
        log "failed: $* : $(tail -3 "$WORK/proc.err" | tr '\n' ' ')"
        return 1
    fi
    t1=$EPOCHREALTIME
    awk -v a="$t0" -v b="$t1" -v r="$(tail -1 "$WORK/proc.rss")" 'BEGIN { printf "%.1f %d\n", (b - a) * 1000, r }' >>"$out"
}

median_col() { # median_col FILE COLUMN
    sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

per_process() {
    local wall="one message per process, wall time: send-mail CLI vs msmtp"
    local rss="one message per process, peak RSS: send-mail CLI vs msmtp"
    wanted "$wall" || wanted "$rss" || return 0
    if [ -z "$CLI" ]; then
        row "$wall" "FAILED" "-" "-" "<= 2.5x" "FAILED: no launcher (cli/target/send-mail-dist/bin/send-mail)"
        return 0
    fi
    log "case: one message per process ($CLI vs msmtp)"
    mkdir -p "$WORK/home"
    : >"$WORK/msmtprc"
    chmod 600 "$WORK/msmtprc"
    java -cp "$CP" dev.sendmail.bench.MessageFile 1024 bench@example.test r0@example.test >"$WORK/msg.eml"
    local cli=("$CLI" --server "127.0.0.1:$PORT" --tls off --helo bench.example.test -f bench@example.test r0@example.test)
    local peer=(msmtp -C "$WORK/msmtprc" "--host=127.0.0.1" "--port=$PORT" --tls=off --auth=off
                --domain=bench.example.test --from=bench@example.test r0@example.test)
    local runs i ok=1
    runs=$(( QUICK == 1 ? 4 : 12 ))
    : >"$WORK/cli.txt"; : >"$WORK/msmtp.txt"
    one_process "$WORK/warm.txt" "${cli[@]}" || ok=0
    # the first run starts the launcher's class archive training in the background: measured runs must neither
    # compete with it nor run before the archive is there, so it is waited for (at most 2 minutes)
    for i in $(seq 1 1200); do
        compgen -G "$WORK/home/.cache/send-mail/*.lock" >/dev/null || break
        sleep 0.1
    done
    one_process "$WORK/warm.txt" "${cli[@]}" || ok=0
    one_process "$WORK/warm.txt" "${peer[@]}" && one_process "$WORK/warm.txt" "${peer[@]}" || ok=0
    for i in $(seq 1 "$runs"); do
        [ $ok = 1 ] || break
        if [ $((i % 2)) = 1 ]; then
            one_process "$WORK/cli.txt" "${cli[@]}" || ok=0
            one_process "$WORK/msmtp.txt" "${peer[@]}" || ok=0
        else
            one_process "$WORK/msmtp.txt" "${peer[@]}" || ok=0
            one_process "$WORK/cli.txt" "${cli[@]}" || ok=0
        fi
    done
    if [ $ok != 1 ]; then
        row "$wall" "FAILED" "-" "-" "<= 2.5x" "FAILED: $(tail -1 "$WORK/proc.err" | cut -c1-80)"
        return 0
    fi
    local cw mw cr mr
    cw=$(median_col "$WORK/cli.txt" 1); mw=$(median_col "$WORK/msmtp.txt" 1)
    cr=$(median_col "$WORK/cli.txt" 2); mr=$(median_col "$WORK/msmtp.txt" 2)
    awk -v c="$cw" -v m="$mw" -v n="$runs" -v name="$wall" 'BEGIN {
        r = c / m
        printf "%s\t%.0f ms\t%.0f ms\t%.2fx\t<= 2.5x\t%s\n", name " (median of " n ")", c, m, r,
            (r <= 2.5 ? "met" : sprintf("MISSED by %.0f%%", (r / 2.5 - 1) * 100)) }' >>"$WORK/table.tsv"
    awk -v c="$cr" -v m="$mr" -v name="$rss" 'BEGIN {
        printf "%s\t%.1f MB\t%.1f MB\t%.2fx\t< 80 MB\t%s\n", name, c / 1024, m / 1024, c / m,
            (c / 1024 < 80 ? "met" : sprintf("MISSED by %.0f%%", (c / 1024 / 80 - 1) * 100)) }' >>"$WORK/table.tsv"
}
