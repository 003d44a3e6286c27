package conformance

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
)

// Source is where evidence for an (operation, status) pair comes from.
type Source string

const (
	// SourceDoc: a sample body from Juspay's pages (testdata/samples).
	SourceDoc Source = "doc"
	// SourceCassette: a committed cassette interaction; the table names its Origin.
	SourceCassette Source = "cassette"
	// SourceEmulator: an exchange with this module's emulator in this run.
	SourceEmulator Source = "emulator"
	// SourceLive: an exchange with Juspay's sandbox in this run.
	SourceLive Source = "live"
)

// Sources lists the columns of the coverage table, in order.
var Sources = []Source{SourceDoc, SourceCassette, SourceEmulator, SourceLive}

// Documented returns, per operation, the statuses whose response body Juspay's
// pages document (not the list page's 400 "{}", nor one only "default" covers).
func Documented() map[string][]int {
	return map[string][]int{
		"createCustomerAccounts":  {200},
		"validateCustomerAccount": {200, 401},
		"getCustomerAccount":      {200, 401},
		"listCustomerAccounts":    {200, 401, 404},
		"createBankAccount":       {200},
		"validateBankAccount":     {200},
		"listBankAccounts":        {200},
		"getBankAccount":          {200},
		"deleteBankAccount":       {200},
	}
}

// Coverage records which sources hold a validated exchange for each
// (operation, status) pair. It is safe for concurrent use.
type Coverage struct {
	v    *Validator
	mu   sync.Mutex
	seen map[entry]bool
}

// entry is one piece of evidence; label (a cassette's origin) may be "".
type entry struct {
	op, status string
	src        Source
	label      string
}

// NewCoverage starts an empty table over v's operations.
func NewCoverage(v *Validator) *Coverage {
	return &Coverage{v: v, seen: map[entry]bool{}}
}

// StatusKey is the response key status falls under: itself when declared,
// "default" for an error status only default covers, else the bare number.
func (c *Coverage) StatusKey(op string, status int) string {
	s := strconv.Itoa(status)
	keys := c.v.Statuses(op)
	if !slices.Contains(keys, s) && status >= 400 && slices.Contains(keys, "default") {
		return "default"
	}
	return s
}

// Add records a validated exchange of op with status from src; label (a
// cassette's origin) may be "".
func (c *Coverage) Add(op string, status int, src Source, label string) {
	e := entry{op, c.StatusKey(op, status), src, label}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[e] = true
}

// AddFixture records a fixture (call it only once the fixture validated).
func (c *Coverage) AddFixture(f Fixture) {
	c.Add(f.Operation, f.Status, f.Source, string(f.Origin))
}

// AddFixtures validates and records each fixture, returning by name the
// errors of those that do not conform.
func (c *Coverage) AddFixtures(ctx context.Context, fs []Fixture) map[string]error {
	failed := map[string]error{}
	for _, f := range fs {
		if err := c.v.ValidateFixture(ctx, f); err != nil {
			failed[f.Name] = err
			continue
		}
		c.AddFixture(f)
	}
	return failed
}

// Observe returns a WithOnExchange callback that records every conforming exchange under src.
func (c *Coverage) Observe(src Source) func(Report) {
	return func(r Report) {
		if r.OK() && r.Operation != "" {
			c.Add(r.Operation, r.Status, src, "")
		}
	}
}

// Merge adds every entry of other.
func (c *Coverage) Merge(other *Coverage) {
	other.mu.Lock()
	seen := maps.Clone(other.seen)
	other.mu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	maps.Copy(c.seen, seen)
}

// Has reports whether any of srcs (default: all) covers op and a response key.
func (c *Coverage) Has(op, status string, srcs ...Source) bool {
	if len(srcs) == 0 {
		srcs = Sources
	}
	return slices.ContainsFunc(srcs, func(src Source) bool { return len(c.Labels(op, status, src)) > 0 })
}

// Labels returns the sorted labels recorded for a pair and source ("" for none).
func (c *Coverage) Labels(op, status string, src Source) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.labels(op, status, src)
}

func (c *Coverage) labels(op, status string, src Source) []string {
	var out []string
	for e := range c.seen {
		if e.op == op && e.status == status && e.src == src {
			out = append(out, e.label)
		}
	}
	slices.Sort(out)
	return out
}

// Table renders operation x status x source: a row per declared response key
// (and any other status seen), saying whether Juspay's pages document it.
func (c *Coverage) Table() string {
	documented := Documented()
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "operation\tstatus\tjuspay docs\tdoc sample\tcassette\temulator\tlive")
	for _, op := range c.v.OperationIDs() {
		statuses := c.v.Statuses(op)
		for e := range c.seen {
			if e.op == op && !slices.Contains(statuses, e.status) {
				statuses = append(statuses, e.status)
			}
		}
		slices.Sort(statuses)
		for _, s := range statuses {
			doc := "-"
			if slices.ContainsFunc(documented[op], func(d int) bool { return strconv.Itoa(d) == s }) {
				doc = "documented"
			}
			row := []string{op, s, doc}
			for _, src := range Sources {
				row = append(row, cellText(c.labels(op, s, src)))
			}
			fmt.Fprintln(w, strings.Join(row, "\t"))
		}
	}
	w.Flush()
	return b.String()
}

// cellText lists a cell's labels, "yes" for an unlabelled entry, "-" for none.
func cellText(labels []string) string {
	if len(labels) == 0 {
		return "-"
	}
	for i, l := range labels {
		if l == "" {
			labels[i] = "yes"
		}
	}
	slices.Sort(labels)
	return strings.Join(labels, ",")
}
