# benchratio.awk summarises `go test -bench BenchmarkClient -benchmem -count N`
# output: for each operation, the mean ns/op and allocs/op of the wrapper and
# of the hand-written call, the ns/op ratio (target <= 1.15) and the allocs/op
# difference (target <= 30), as a Markdown table.
#
#	awk -f loadtest/benchratio.awk bench.out/bench.txt
/^BenchmarkClient\// {
	split($1, p, "/")
	op = p[2]; kind = p[3]; sub(/-[0-9]+$/, "", kind)
	for (i = 3; i <= NF; i++) {
		if ($i == "ns/op") ns[op, kind] += $(i - 1)
		if ($i == "allocs/op") al[op, kind] += $(i - 1)
	}
	n[op, kind]++
	if (!(op in seen)) { seen[op] = 1; order[++nops] = op }
}
END {
	print "| operation | wrapper ns/op | raw ns/op | ratio (<= 1.15) | wrapper allocs/op | raw allocs/op | extra allocs (<= 30) | runs |"
	print "|---|---:|---:|---:|---:|---:|---:|---:|"
	fail = 0
	for (k = 1; k <= nops; k++) {
		op = order[k]
		if (!n[op, "wrapper"] || !n[op, "raw"]) continue
		wn = ns[op, "wrapper"] / n[op, "wrapper"]; rn = ns[op, "raw"] / n[op, "raw"]
		wa = al[op, "wrapper"] / n[op, "wrapper"]; ra = al[op, "raw"] / n[op, "raw"]
		r = wn / rn; d = wa - ra
		ok = (r <= 1.15 && d <= 30) ? "" : " (target missed)"
		if (ok != "") fail = 1
		printf "| %s | %.0f | %.0f | %.3fx%s | %.0f | %.0f | %+.0f | %d |\n", op, wn, rn, r, ok, wa, ra, d, n[op, "wrapper"]
	}
	if (nops == 0) { print "benchratio: no BenchmarkClient lines" > "/dev/stderr"; exit 1 }
}
