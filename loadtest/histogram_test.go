package loadtest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestHistogramQuantile(t *testing.T) {
	h := new(histogram)
	assert.Zero(t, h.quantile(0.99), "an empty histogram")
	for range 90 {
		h.add(5 * time.Microsecond) // first bucket
	}
	for range 9 {
		h.add(25 * time.Microsecond) // third bucket
	}
	h.add(3 * time.Second) // the open last bucket
	for _, c := range []struct {
		q    float64
		want time.Duration
	}{
		{0.5, 10 * time.Microsecond},
		{0.9, 10 * time.Microsecond},
		{0.95, 30 * time.Microsecond},
		{0.99, 30 * time.Microsecond},
		{1, 3 * time.Second}, // the open last bucket reports the maximum
	} {
		assert.Equal(t, c.want, h.quantile(c.q), "q=%v", c.q)
	}
}
