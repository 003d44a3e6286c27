package loadtest

import (
	"math"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestHistQuantile(t *testing.T) {
	now := &metrics.Float64Histogram{Counts: []uint64{5, 90, 4, 1}, Buckets: []float64{0, 1e-6, 1e-3, 1, math.Inf(1)}}
	before := &metrics.Float64Histogram{Counts: []uint64{5, 0, 0, 0}, Buckets: now.Buckets}
	// after before: 90 under 1 µs..1 ms, 4 under 1 s, 1 beyond
	for _, c := range []struct {
		q    float64
		want time.Duration
	}{
		{0.5, time.Millisecond},
		{0.9, time.Millisecond},
		{0.95, time.Second},
		{0.99, time.Second},
		{1, time.Second}, // the open last bucket reports its lower bound
	} {
		assert.Equal(t, c.want, histQuantile(now, before, c.q), "q=%v", c.q)
	}
	assert.Zero(t, histQuantile(before, before, 0.99), "an empty histogram")
}
