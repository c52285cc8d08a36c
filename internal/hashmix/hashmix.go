// Package hashmix holds the 64-bit hash finaliser that claimwatch's
// hashed structures share: the dedup index's shingles, keys and slots and
// the attribution tagger's feature buckets.
package hashmix

// Mix64 is the splitmix64 finaliser: a bijection that spreads every input
// bit over the output, so sums and XORs of FNV word hashes can pick a
// bucket by their top or bottom bits.
func Mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
