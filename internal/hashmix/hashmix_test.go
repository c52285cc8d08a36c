package hashmix

import (
	"math/bits"
	"testing"
)

// Flipping one input bit flips about half the output bits (avalanche),
// which is what the callers' bucket choice relies on.
func TestMix64Avalanche(t *testing.T) {
	total, n := 0, 0
	for x := uint64(1); x < 1<<12; x++ {
		for b := 0; b < 64; b++ {
			total += bits.OnesCount64(Mix64(x) ^ Mix64(x^1<<b))
			n++
		}
	}
	if mean := float64(total) / float64(n); mean < 31 || mean > 33 {
		t.Errorf("mean flipped output bits %.2f, want about 32", mean)
	}
	if Mix64(0) != 0 {
		t.Errorf("Mix64(0) = %#x: the finaliser maps 0 to 0", Mix64(0))
	}
}
