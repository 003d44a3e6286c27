package loadtest

import (
	"math"
	"runtime"
	"runtime/metrics"
	"time"
)

// RuntimeStats is what the Go runtime saw during a run: how long runnable
// goroutines waited for a CPU (the scheduler's share of the latency tail),
// the garbage collector's work, and how much CPU the process got.
type RuntimeStats struct {
	// SchedP50, SchedP99 and SchedP999 are quantiles of the time goroutines
	// spent runnable before they ran (runtime/metrics /sched/latencies).
	SchedP50, SchedP99, SchedP999 time.Duration
	// GCCycles is the number of completed GC cycles.
	GCCycles uint64
	// GCPauseP99 is the 99th percentile of stop-the-world GC pauses.
	GCPauseP99 time.Duration
	// GCCPUFraction is the share of the process's CPU time spent in the GC
	// (assists, background marking and pauses).
	GCCPUFraction float64
	// CPUShare is the CPU time the process got divided by the wall time
	// times GOMAXPROCS: below 1 while the run was busy means other
	// processes held the cores. Zero where the OS does not report it.
	CPUShare float64
}

var runtimeSamples = []string{
	"/sched/latencies:seconds",
	"/gc/cycles/total:gc-cycles",
	"/sched/pauses/total/gc:seconds",
	"/cpu/classes/gc/total:cpu-seconds",
	"/cpu/classes/user:cpu-seconds",
}

type runtimeSnapshot struct {
	samples []metrics.Sample
	cpu     time.Duration
	at      time.Time
}

func takeRuntimeSnapshot() runtimeSnapshot {
	s := make([]metrics.Sample, len(runtimeSamples))
	for i, name := range runtimeSamples {
		s[i].Name = name
	}
	metrics.Read(s)
	return runtimeSnapshot{samples: s, cpu: processCPU(), at: time.Now()}
}

// since returns the stats between an earlier snapshot and this one.
func (now runtimeSnapshot) since(before runtimeSnapshot) RuntimeStats {
	var out RuntimeStats
	sched := histDelta(now.samples[0].Value.Float64Histogram(), before.samples[0].Value.Float64Histogram())
	out.SchedP50, out.SchedP99, out.SchedP999 = sched.quantile(0.5), sched.quantile(0.99), sched.quantile(0.999)
	out.GCCycles = now.samples[1].Value.Uint64() - before.samples[1].Value.Uint64()
	out.GCPauseP99 = histDelta(now.samples[2].Value.Float64Histogram(), before.samples[2].Value.Float64Histogram()).quantile(0.99)
	gc := now.samples[3].Value.Float64() - before.samples[3].Value.Float64()
	user := now.samples[4].Value.Float64() - before.samples[4].Value.Float64()
	if gc+user > 0 {
		out.GCCPUFraction = gc / (gc + user)
	}
	if wall := now.at.Sub(before.at); wall > 0 && now.cpu > 0 {
		out.CPUShare = float64(now.cpu-before.cpu) / float64(wall) / float64(runtime.GOMAXPROCS(0))
	}
	return out
}

type hist struct {
	counts  []uint64
	buckets []float64
}

func histDelta(now, before *metrics.Float64Histogram) hist {
	h := hist{counts: make([]uint64, len(now.Counts)), buckets: now.Buckets}
	for i := range now.Counts {
		h.counts[i] = now.Counts[i]
		if i < len(before.Counts) {
			h.counts[i] -= before.Counts[i]
		}
	}
	return h
}

// quantile returns the upper bound of the bucket holding quantile q.
func (h hist) quantile(q float64) time.Duration {
	var total uint64
	for _, c := range h.counts {
		total += c
	}
	if total == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(total)))
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			upper := h.buckets[i+1]
			if math.IsInf(upper, 1) {
				upper = h.buckets[i]
			}
			return time.Duration(upper * float64(time.Second))
		}
	}
	return 0
}
