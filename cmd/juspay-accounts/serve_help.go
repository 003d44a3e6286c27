package main

import (
	"flag"
	"fmt"
	"io"
)

// printServeUsage prints serve's help in the layout of the other commands':
// usage line, summary, flags, then what applies to all of them.
func printServeUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, "Usage: juspay-accounts serve [flags]\n\n"+
		"Run the emulator of the Customer Accounts API on --addr until SIGINT or SIGTERM (then exit 0),\n"+
		"with the interactive reference at /docs (its Try it out forms work as pre-filled).\n\nFlags:\n")
	out := fs.Output()
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(out)
	fmt.Fprint(w, "\nA flag given on the command line wins over its environment variable.\n\n"+
		"Exit codes: 0 stopped cleanly (SIGINT or SIGTERM), 2 usage, 5 cannot listen or serve.\n")
}
