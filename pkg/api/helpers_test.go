package api

import "github.com/google/go-cmp/cmp/cmpopts"

var (
	sortStrings = cmpopts.SortSlices(func(a, b string) bool { return a < b })
	// cmpEmpty treats nil and empty slices as equal.
	cmpEmpty = cmpopts.EquateEmpty()
)
