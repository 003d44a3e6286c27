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
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if s == "" {
		return ""
	}
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if i > 0 {
			prev := strings.TrimSpace(lines[i-1])
			switch {
			case l == "":
				continue
			case prev == "" || isListItem(l):
				b.WriteString("<br>")
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return strings.ReplaceAll(b.String(), "|", `\|`)
}

func isListItem(l string) bool {
	return strings.HasPrefix(l, "* ") || strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "+ ")
}

// code returns s as a Markdown code span, with a longer fence when s holds
// backticks.
func code(s string) string {
	if !strings.Contains(s, "`") {
		return "`" + s + "`"
	}
	fence := "``"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + " " + s + " " + fence
}

// fence returns a fenced code block of the given language, with a fence
// longer than any run of backticks in body.
func fence(lang, body string) string {
	f := "```"
	for strings.Contains(body, f) {
		f += "`"
	}
	return f + lang + "\n" + strings.TrimRight(body, "\n") + "\n" + f + "\n"
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
