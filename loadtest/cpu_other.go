//go:build !unix

package loadtest

import "time"

// processCPU is not reported on this OS.
func processCPU() time.Duration { return 0 }
