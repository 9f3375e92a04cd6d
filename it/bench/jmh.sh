# Sourced by run.sh. JMH benchmarks of the hot paths (dev.sendmail.bench.*Benchmark), one fork each, and their
# rows in the table. Throughput in MB/s (10^6 octets per second) comes from each benchmark's "bytes" counter.
#
# The DATA encoder and the wire reply reader of the socket transport are package-private classes
# (dev.sendmail.transport.socket.internal.DataEncoder, ReplyReader): their benchmarks live in that package in
# this module (it/src/main/java/dev/sendmail/transport/socket/internal) and run from the class path, where
# package-private access works. The DATA path is also measured end to end (encoder and socket together).
# DkimSignBenchmark (issue 18) measures signing beside the JDK's SHA-256 alone over the same octets in the same
# run, judged against the 80% target on the 10 MB message (the signature operation included);
# DkimBodyHashBenchmark (in the canonicalizer's package, from the class path) measures the streamed body hash the
# target names, alone, beside SHA-256 over the same body octets.

jmh() {
    local name="JMH"
    wanted "$name" || return 0
    local wi=3 i=5 t=1s
    [ "$QUICK" = 1 ] && { wi=2; i=3; }
    log "case: JMH ($wi warm-up and $i measured iterations of $t per benchmark)"
    if ! timeout 900 java -cp "$CP" org.openjdk.jmh.Main -f 1 -wi "$wi" -w "$t" -i "$i" -r "$t" \
            -rf csv -rff "$OUT/jmh.csv" 'dev\.sendmail\.(bench|dkim|transport\.socket\.internal)\..*Benchmark' >"$OUT/jmh.log" 2>&1; then
        row "JMH" "FAILED" "-" "-" "-" "FAILED: see $OUT/jmh.log"
        return 0
    fi
    # CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"[,"Param: ..."]...
    awk -F, '
        { sub(/\r$/, "") }
        NR == 1 { for (c = 8; c <= NF; c++) { h = $c; gsub(/"|Param: /, "", h); param[c] = h }; next }
        {
            b = $1; gsub(/"/, "", b); sub(/^dev\.sendmail\.bench\./, "", b)
            sub(/^dev\.sendmail\.transport\.socket\.internal\./, "", b)
            sub(/^dev\.sendmail\.dkim\./, "", b)
            p = ""
            for (c = 8; c <= NF; c++) { v = $c; gsub(/"/, "", v); if (v != "") p = p (p == "" ? "" : ", ") v }
            score = $5 + 0; err = $6 + 0
            pm = sprintf(" (+-%.0f%%)", score > 0 ? err / score * 100 : 0)
            if (b == "DataPathBenchmark.send:bytes") {
                mb = score / 1e6
                printf "JMH DATA path end to end, 8 MiB via transport.send to a discard server [%s]\t%.0f MB/s%s\t-\t-\t%s\t%s\n",
                    p, mb, pm, ">= 1000 MB/s (encoder)",
                    (mb >= 1000 ? "met" : sprintf("below by %.0f%% (encoder + socket)", (1 - mb / 1000) * 100))
            } else if (b == "DataEncoderBenchmark.encode:bytes") {
                mb = score / 1e6
                printf "JMH DATA encoder alone (CRLF normalization + dot-stuffing) [%s]\t%.0f MB/s%s\t-\t-\t%s\t%s\n",
                    p, mb, pm, ">= 1000 MB/s", (mb >= 1000 ? "met" : sprintf("MISSED by %.0f%%", (1 - mb / 1000) * 100))
            } else if (b ~ /^ReplyReaderBenchmark\.(ehlo|ok)$/) {
                sub(/^ReplyReaderBenchmark\./, "", b)
                printf "JMH reply reader on wire octets (bounded), %s reply\t%.2f M/s%s\t-\t-\t-\t-\n",
                    (b == "ehlo" ? "12-line EHLO" : "one-line 250"), score / 1e6, pm
            } else if (b == "ContentScanBenchmark.scan:bytes") {
                printf "JMH ContentScanner, the pass over each message before MAIL FROM [%s]\t%.0f MB/s%s\t-\t-\t-\t-\n", p, score / 1e6, pm
            } else if (b == "DkimSignBenchmark.sign") {
                signs[p] = score # listed before sign:bytes
            } else if (b == "DkimSignBenchmark.sha256:bytes") {
                sha[p] = score # the CSV lists sha256 before sign
            } else if (b == "DkimSignBenchmark.sign:bytes") {
                mb = score / 1e6
                if (p in sha && sha[p] > 0) {
                    r = score / sha[p]
                    big = (p ~ /10485760/)
                    printf "JMH DKIM sign, relaxed/relaxed [%s]\t%.0f MB/s%s, %.0f signatures/s\tJDK SHA-256 alone: %.0f MB/s\t%.2fx\t%s\t%s\n",
                        p, mb, pm, signs[p], sha[p] / 1e6, r, (big ? ">= 0.80x SHA-256" : "-"),
                        (big ? (r >= 0.8 ? "met" : sprintf("MISSED by %.0f%%", (1 - r / 0.8) * 100)) : "-")
                } else {
                    printf "JMH DKIM sign, relaxed/relaxed [%s]\t%.0f MB/s%s\t-\t-\t-\t-\n", p, mb, pm
                }
            } else if (b == "DkimBodyHashBenchmark.hash:bytes") {
                bodyHash[p] = score; bodyHashErr[p] = pm
            } else if (b == "DkimBodyHashBenchmark.sha256:bytes") {
                bodySha[p] = score
            } else if (b ~ /^ReplyBenchmark\./) {
                sub(/^ReplyBenchmark\./, "", b)
                printf "JMH SmtpReply.of (public part of reply parsing), %s reply\t%.2f M/s%s\t-\t-\t-\t-\n",
                    (b == "ehlo" ? "12-line EHLO" : "one-line 250"), score / 1e6, pm
            }
        }
        END {
            # the issue 18 target itself: the streamed body hash beside SHA-256 alone, 10 MB body, same run
            for (p in bodyHash) {
                if (!(p in bodySha) || bodySha[p] <= 0) continue
                r = bodyHash[p] / bodySha[p]
                printf "JMH DKIM body hash alone, 10 MB body [%s]\t%.0f MB/s%s\tJDK SHA-256 alone: %.0f MB/s\t%.2fx\t%s\t%s\n",
                    p, bodyHash[p] / 1e6, bodyHashErr[p], bodySha[p] / 1e6, r, ">= 0.80x SHA-256",
                    (r >= 0.8 ? "met" : sprintf("MISSED by %.0f%%", (1 - r / 0.8) * 100))
            }
        }' "$OUT/jmh.csv" >>"$WORK/table.tsv"
}
