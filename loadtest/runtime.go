package loadtest

import (
	"math"
	"runtime"
	"runtime/metrics"
	"time"
)

// RuntimeStats is what the Go runtime saw during a run: the scheduler's share
// of the latency tail, the garbage collector's work, the CPU the process got.
type RuntimeStats struct {
	// SchedP50, SchedP99 and SchedP999 are quantiles of the time goroutines
	// spent runnable before they ran (runtime/metrics /sched/latencies).
	SchedP50, SchedP99, SchedP999 time.Duration
	GCCycles                      uint64        // completed GC cycles
	GCPauseP99                    time.Duration // 99th percentile of stop-the-world GC pauses
	// GCCPUFraction is the share of the process's CPU time spent in the GC
	// (assists, background marking and pauses).
	GCCPUFraction float64
	// CPUShare is the process's CPU time over wall time x GOMAXPROCS: below 1
	// means other processes held the cores. Zero where the OS does not tell.
	CPUShare float64
}

type runtimeSnapshot struct {
	samples []metrics.Sample
	cpu     time.Duration
	at      time.Time
}

// takeRuntimeSnapshot reads the metrics that since uses, by index.
func takeRuntimeSnapshot() runtimeSnapshot {
	s := []metrics.Sample{
		{Name: "/sched/latencies:seconds"},
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/sched/pauses/total/gc:seconds"},
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
		{Name: "/cpu/classes/user:cpu-seconds"},
	}
	metrics.Read(s)
	return runtimeSnapshot{samples: s, cpu: processCPU(), at: time.Now()}
}

// since returns the stats between an earlier snapshot and this one.
func (now runtimeSnapshot) since(before runtimeSnapshot) RuntimeStats {
	hist := func(i int, q float64) time.Duration {
		return histQuantile(now.samples[i].Value.Float64Histogram(), before.samples[i].Value.Float64Histogram(), q)
	}
	delta := func(i int) float64 { return now.samples[i].Value.Float64() - before.samples[i].Value.Float64() }
	out := RuntimeStats{SchedP50: hist(0, 0.5), SchedP99: hist(0, 0.99), SchedP999: hist(0, 0.999), GCPauseP99: hist(2, 0.99),
		GCCycles: now.samples[1].Value.Uint64() - before.samples[1].Value.Uint64()}
	if gc, user := delta(3), delta(4); gc+user > 0 {
		out.GCCPUFraction = gc / (gc + user)
	}
	if wall := now.at.Sub(before.at); wall > 0 && now.cpu > 0 {
		out.CPUShare = float64(now.cpu-before.cpu) / float64(wall) / float64(runtime.GOMAXPROCS(0))
	}
	return out
}

// histQuantile returns quantile q of the samples of now that were not yet in
// before: the upper bound of its bucket (the lower one for the open last).
func histQuantile(now, before *metrics.Float64Histogram, q float64) time.Duration {
	counts := make([]uint64, len(now.Counts))
	for i, c := range now.Counts {
		counts[i] = c
		if i < len(before.Counts) {
			counts[i] -= before.Counts[i]
		}
	}
	return quantile(counts, q, func(i int) time.Duration {
		upper := now.Buckets[i+1]
		if math.IsInf(upper, 1) {
			upper = now.Buckets[i]
		}
		return time.Duration(upper * float64(time.Second))
	})
}

// quantile returns upper(i) of the bucket i that holds quantile q of counts,
// or 0 if counts are all zero.
func quantile[T uint32 | uint64](counts []T, q float64, upper func(i int) time.Duration) time.Duration {
	var total uint64
	for _, c := range counts {
		total += uint64(c)
	}
	rank := max(uint64(math.Ceil(q*float64(total))), 1)
	var seen uint64
	for i, c := range counts {
		if seen += uint64(c); seen >= rank {
			return upper(i)
		}
	}
	return 0
}
