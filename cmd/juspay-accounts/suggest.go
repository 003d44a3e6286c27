package main

import (
	"flag"
	"maps"
	"slices"
	"strings"

	"github.com/pennydrop/juspay-accounts/internal/suggest"
)

// didYouMean is "; did you mean X?" for the candidate nearest to word within
// 2 edits (fewer for short words), else "".
func didYouMean(word string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := suggest.Distance(strings.ToLower(word), strings.ToLower(c)); d < bestDist && d <= len(c)/2 {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return "; did you mean " + best + "?"
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
