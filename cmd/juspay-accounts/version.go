package main

import (
	"cmp"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// versionLine names the build: module version, commit and its time, Go
// version, and the SDK version sent in the User-Agent.
func versionLine() string {
	mod, ver, goVer, commit := "github.com/pennydrop/juspay-accounts", "(unknown)", runtime.Version(), "unknown"
	var modified, when string
	if info, ok := debug.ReadBuildInfo(); ok {
		mod, ver, goVer = cmp.Or(info.Main.Path, mod), cmp.Or(info.Main.Version, ver), info.GoVersion
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision":
				commit = s.Value
			case s.Key == "vcs.time":
				when = " " + s.Value
			case s.Key == "vcs.modified" && s.Value == "true":
				modified = " (modified)"
			}
		}
	}
	return fmt.Sprintf("juspay-accounts %s\nmodule %s\ncommit %s%s%s\ngo %s %s/%s\nsdk %s",
		ver, mod, commit, modified, when, goVer, runtime.GOOS, runtime.GOARCH, wrapper.Version)
}
