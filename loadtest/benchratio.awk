# benchratio.awk summarises `go test -bench BenchmarkClient -benchmem -count N`
# output: for each operation, the median ns/op and allocs/op of the wrapper
# and of the hand-written call over the N runs, their ns/op ratio, the median
# of BenchmarkClientPaired's wrapper/raw (both timed alternately in one loop;
# target <= 1.10) and the allocs/op difference (target <= 25), as a Markdown
# table. Sub-benchmarks are named op=OP/impl=wrapper|raw.
# Medians, because loopback timings on a shared 2-core machine have outliers.
#
#	awk -f loadtest/benchratio.awk bench.out/bench.txt
# BenchmarkClientPaired/op=OP reports a wrapper/raw metric per run.
/^BenchmarkClientPaired\// {
	split($1, p, "/")
	op = p[2]; sub(/-[0-9]+$/, "", op); sub(/^op=/, "", op)
	for (i = 3; i <= NF; i++) if ($i == "wrapper/raw") pr[op, ++np[op]] = $(i - 1) + 0
	next
}

/^BenchmarkClient\// {
	split($1, p, "/")
	op = p[2]; kind = p[3]; sub(/-[0-9]+$/, "", kind); sub(/^op=/, "", op); sub(/^impl=/, "", kind)
	k = ++n[op, kind]
	for (i = 3; i <= NF; i++) {
		if ($i == "ns/op") ns[op, kind, k] = $(i - 1) + 0
		if ($i == "allocs/op") al[op, kind, k] = $(i - 1) + 0
	}
	if (!(op in seen)) { seen[op] = 1; order[++nops] = op }
}

# median of a[key, 1..m]
function median(a, key, m,    i, j, t, v) {
	for (i = 1; i <= m; i++) v[i] = a[key, i]
	for (i = 2; i <= m; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
	return (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
}

END {
	if (nops == 0) { print "benchratio: no BenchmarkClient lines" > "/dev/stderr"; exit 1 }
	print "| operation | wrapper ns/op | raw ns/op | ratio | paired ratio (<= 1.10) | wrapper allocs/op | raw allocs/op | extra allocs (<= 25) | runs |"
	print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	for (k = 1; k <= nops; k++) {
		op = order[k]
		nw = n[op, "wrapper"]; nr = n[op, "raw"]
		if (!nw || !nr) continue
		wn = median(ns, op SUBSEP "wrapper", nw); rn = median(ns, op SUBSEP "raw", nr)
		wa = median(al, op SUBSEP "wrapper", nw); ra = median(al, op SUBSEP "raw", nr)
		r = wn / rn; d = wa - ra
		paired = np[op] ? sprintf("%.3fx", median(pr, op, np[op])) : "-"
		pm = np[op] ? median(pr, op, np[op]) : r
		miss = (pm <= 1.10 && d <= 25) ? "" : " (target missed)"
		printf "| %s | %.0f | %.0f | %.3fx | %s%s | %.0f | %.0f | %+.0f | %d |\n", op, wn, rn, r, paired, miss, wa, ra, d, nw
	}
}
