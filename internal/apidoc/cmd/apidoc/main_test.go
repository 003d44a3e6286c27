package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRunWritesOnlyWhenChanged(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "docs", "API.md")
	args := []string{"-spec", "../../../../openapi.yaml", "-snippets", "../../snippets/snippets.go", "-out", out}
	if err := run(args); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DO NOT EDIT", "Juspay page: [", `-u "$JUSPAY_API_KEY:"`, "client.GetCustomerAccount(ctx, customerID, accountID)"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	old := time.Unix(1_000_000, 0)
	if err := os.Chtimes(out, old, old); err != nil {
		t.Fatal(err)
	}
	if err := run(args); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(out); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("an unchanged reference was rewritten (%v)", err)
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("openapi: 3.0.3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"missing spec", []string{"-spec", filepath.Join(dir, "none.yaml")}},
		{"invalid spec", []string{"-spec", bad}},
		{"missing snippets", []string{"-spec", "../../../../openapi.yaml", "-snippets", filepath.Join(dir, "none.go")}},
		{"bad flag", []string{"-nope"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := run(append(tc.args, "-out", filepath.Join(dir, "out.md"))); err == nil {
				t.Fatal("no error")
			}
		})
	}
}
