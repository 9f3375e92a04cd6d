# Sourced by run.sh. JMH benchmarks of the hot paths (dev.sendmail.bench.*Benchmark), one fork each, and their
# rows in the table. Throughput in MB/s comes from each benchmark's "bytes" counter (octets per second).

jmh() {
    local name="JMH"
    wanted "$name" || return 0
    local wi=3 i=5 t=1s
    [ "$QUICK" = 1 ] && { wi=2; i=3; }
    log "case: JMH ($wi warm-up and $i measured iterations of $t per benchmark)"
    if ! timeout 900 java -cp "$CP" org.openjdk.jmh.Main -f 1 -wi "$wi" -w "$t" -i "$i" -r "$t" \
            -rf csv -rff "$OUT/jmh.csv" 'dev\.sendmail\.bench\..*Benchmark' >"$OUT/jmh.log" 2>&1; then
        row "JMH" "FAILED" "-" "-" "-" "FAILED: see $OUT/jmh.log"
        return 0
    fi
    # CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"[,"Param: ..."]...
    awk -F, '
        { sub(/\r$/, "") }
        NR == 1 { for (c = 8; c <= NF; c++) { h = $c; gsub(/"|Param: /, "", h); param[c] = h }; next }
        {
            b = $1; gsub(/"/, "", b); sub(/^dev\.sendmail\.bench\./, "", b)
            p = ""
            for (c = 8; c <= NF; c++) { v = $c; gsub(/"/, "", v); if (v != "") p = p (p == "" ? "" : ",") param[c] "=" v }
            label = b (p == "" ? "" : " [" p "]")
            unit = $7; gsub(/"/, "", unit)
            score = $5 + 0
            if (b ~ /:bytes$/) {
                mb = score / 1e6
                target = "-"; verdict = "-"
                if (b ~ /^DataPathBenchmark/ || b ~ /^DataEncoderBenchmark/) {
                    target = ">= 1000 MB/s"
                    verdict = (mb >= 1000 ? "met" : sprintf("MISSED by %.0f%%", (1 - mb / 1000) * 100))
                }
                printf "JMH %s\t%.0f MB/s\t-\t-\t%s\t%s\n", label, mb, target, verdict
            } else if (b !~ /:/) {
                printf "JMH %s\t%.0f %s\t-\t-\t-\t-\n", label, score, unit
            }
        }' "$OUT/jmh.csv" >>"$WORK/table.tsv"
}
