package main

import (
	"flag"
	"maps"
	"slices"
	"strings"
)

// didYouMean is "; did you mean X?" for the candidate nearest to word within
// 2 edits (fewer for short words), else "".
func didYouMean(word string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(word), c); d < bestDist && d <= len(c)/2 {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return "; did you mean " + best + "?"
}

// editDistance is the Levenshtein distance between a and b (bytes; command
// and flag names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// commandNames are the top-level commands.
func commandNames() []string {
	return append(slices.Sorted(maps.Keys(commands)), "demo", "serve", "control", "v32", "version", "help")
}

// flagHint is didYouMean for the flag that err (from fs.Parse) says is not
// defined, spelled with two dashes; "" for any other error.
func flagHint(fs *flag.FlagSet, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -")
	if !ok {
		return ""
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	return didYouMean("--"+name, names)
}
