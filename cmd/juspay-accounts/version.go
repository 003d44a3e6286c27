package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// versionLine names the build: the module's version (a pseudo-version from
// the commit when built from a checkout), the commit and its time, the Go
// version, and the SDK version sent in the User-Agent.
func versionLine() string {
	mod, ver, goVer := "github.com/pennydrop/juspay-accounts", "(unknown)", runtime.Version()
	commit, when, dirty := "unknown", "", false
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Path != "" {
			mod = info.Main.Path
		}
		if info.Main.Version != "" {
			ver = info.Main.Version
		}
		goVer = info.GoVersion
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if dirty {
		commit += " (modified)"
	}
	if when != "" {
		commit += " " + when
	}
	return fmt.Sprintf("juspay-accounts %s\nmodule %s\ncommit %s\ngo %s %s/%s\nsdk %s",
		ver, mod, commit, goVer, runtime.GOOS, runtime.GOARCH, wrapper.Version)
}
