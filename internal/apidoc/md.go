package apidoc

import (
	"fmt"
	"regexp"
	"strings"
)

// cell makes s safe inside one Markdown table cell: paragraphs and list
// items keep a visible break (<br>), other line breaks become spaces, and
// pipes are escaped (GitHub's tables also need that inside code spans).
func cell(s string) string {
	var b strings.Builder
	blank := false // the line before was blank
	for i, l := range strings.Split(strings.TrimSpace(s), "\n") {
		switch l = strings.TrimSpace(l); {
		case l == "":
			blank = true
			continue
		case i == 0:
		case blank || listItem.MatchString(l):
			b.WriteString("<br>")
		default:
			b.WriteByte(' ')
		}
		blank = false
		b.WriteString(l)
	}
	return strings.ReplaceAll(b.String(), "|", `\|`)
}

var listItem = regexp.MustCompile(`^[*+-] `)

// code returns s as a Markdown code span.
func code(s string) string {
	if !strings.Contains(s, "`") {
		return "`" + s + "`"
	}
	t := ticks(s, 2)
	return t + " " + s + " " + t
}

// fence returns a fenced code block of the given language.
func fence(lang, body string) string {
	f := ticks(body, 3)
	return f + lang + "\n" + strings.TrimRight(body, "\n") + "\n" + f + "\n"
}

// ticks is the shortest run of at least n backticks that s does not hold.
func ticks(s string, n int) string {
	t := strings.Repeat("`", n)
	for strings.Contains(s, t) {
		t += "`"
	}
	return t
}

// anchor is an explicit HTML anchor, so links do not depend on how a
// Markdown renderer derives ids from headings.
func anchor(id string) string { return fmt.Sprintf(`<a id="%s"></a>`, id) }

func opAnchor(operationID string) string { return "op-" + slug(operationID) }

func schemaAnchor(name string) string { return "schema-" + slug(name) }

// slug lowers the case and turns every rune but letters, digits, '-' and
// '_' into '-'.
func slug(s string) string { return nonSlug.ReplaceAllString(strings.ToLower(s), "-") }

var nonSlug = regexp.MustCompile(`[^a-z0-9_-]`)

// table writes a Markdown table under heading (if any); it writes nothing
// when rows is empty.
func (r *renderer) table(heading string, header []string, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	if heading != "" {
		r.WriteString(heading + "\n\n")
	}
	r.WriteString("| " + strings.Join(header, " | ") + " |\n|" + strings.Repeat("---|", len(header)) + "\n")
	for _, row := range rows {
		r.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	r.WriteString("\n")
}

// para writes s, trimmed, as a paragraph, if it is not blank.
func (r *renderer) para(s string) {
	if s = strings.TrimSpace(s); s != "" {
		r.WriteString(s + "\n\n")
	}
}
