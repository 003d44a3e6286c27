# juspay-accounts build. `make test` is what CI runs (see .ci/run); it needs Go only.
SHELL := /bin/bash
GO ?= go

# Pinned Go tools, each run with `go tool` from the go.mod that pins it (no "latest"):
# oapi-codegen in tools/go.mod; the linters in tools/lint/go.mod, a module of their own so that
# their dependencies never move oapi-codegen's (and so the generated code).
LINT_TOOL := $(GO) tool -modfile=tools/lint/go.mod
VACUUM := $(LINT_TOOL) vacuum
STATICCHECK := $(LINT_TOOL) staticcheck
# Optional: Redocly CLI, the Node.js linter used before vacuum (see lint-redocly).
REDOCLY := tools/node_modules/.bin/redocly

.PHONY: all help generate check-generated lint lint-go lint-openapi lint-redocly test tools demo test-browser \
	api-check api-snapshot lint-ogen module-check docs-serve

all: test

## help: list the targets with what they do (the ## comments of this Makefile)
help:
	@sed -n 's/^## \{0,1\}//p' $(MAKEFILE_LIST)

## generate: regenerate gen/, the other *.gen.go files and docs/API.md from openapi.yaml
##   (oapi-codegen pinned in tools/go.mod)
generate:
	$(GO) generate ./...

## check-generated: regenerate and fail, naming the files, if a tracked *.gen.go file (gen/,
##   internal/redact/fields.gen.go) or docs/API.md differs from openapi.yaml
check-generated:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	files="$$(git ls-files '*.gen.go') docs/API.md"; \
	for f in $$files; do mkdir -p "$$tmp/$$(dirname $$f)"; cp "$$f" "$$tmp/$$f"; done; \
	$(GO) generate ./...; \
	stale=""; \
	for f in $$files; do \
	  if [ ! -e "$$f" ]; then stale="$$stale $$f(removed)"; elif ! cmp -s "$$f" "$$tmp/$$f"; then stale="$$stale $$f"; fi; \
	done; \
	for f in $$(git ls-files --others --exclude-standard '*.gen.go'); do stale="$$stale $$f(new)"; done; \
	if [ -n "$$stale" ]; then echo "check-generated: out of step with openapi.yaml:$$stale"; \
	  echo "check-generated: run 'make generate' and commit the result"; exit 1; fi; \
	echo "check-generated: every *.gen.go and docs/API.md match openapi.yaml"

## tools: build the pinned Go tools into the Go build cache (oapi-codegen, staticcheck, vacuum, apidiff,
##   ogen, pkgsite); the first build of vacuum takes minutes, later runs start at once (CI can run this
##   to warm its cache)
tools:
	$(GO) tool -modfile=tools/go.mod oapi-codegen -version
	$(GO) tool -modfile=tools/apidiff/go.mod -n apidiff
	$(GO) tool -modfile=tools/ogen/go.mod ogen -version
	$(GO) tool -modfile=tools/pkgsite/go.mod -n pkgsite
	$(STATICCHECK) -version
	$(VACUUM) version

## api-check: apidiff (pinned in tools/apidiff/go.mod) compares the exported API of every public package
##   with testdata/apidiff/module.export, the last release's; fails on an incompatible change that
##   CHANGELOG.md's [Unreleased] Breaking subsection does not name (internal/apicheck)
api-check:
	$(GO) run ./internal/apicheck

## api-snapshot: when cutting a release, record the exported API as testdata/apidiff/module.export
api-snapshot:
	$(GO) run ./internal/apicheck -write

## module-check: run README's "Using it from another module" commands in a temporary directory (a new
##   module that imports wrapper must build; go test . runs the same test)
module-check:
	$(GO) test -count=1 -run '^TestUsingItFromAnotherModule$$' .

DOCS_ADDR ?= localhost:6060
## docs-serve: pkgsite v0.6.0 (pinned in tools/pkgsite/go.mod) serves this checkout's documentation with
##   its runnable Examples, offline, at http://$(DOCS_ADDR)/github.com/pennydrop/juspay-accounts/wrapper
docs-serve:
	$(GO) tool -modfile=tools/pkgsite/go.mod pkgsite -http $(DOCS_ADDR) -list=false .

## lint: lint-go, lint-openapi and lint-ogen; fails on any finding
lint: lint-go lint-openapi lint-ogen

## lint-go: gofmt, go vet, and staticcheck (pinned in tools/lint/go.mod) on every package but the generated gen/
lint-go:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './tools/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) $$($(GO) list ./... | grep -v '/gen$$')

## lint-openapi: vacuum (pinned in tools/lint/go.mod) on openapi.yaml with vacuum-ruleset.yaml;
##   fails on any error or warning, and when a rule was skipped (vacuum skips a rule that times out)
lint-openapi:
	@out=$$($(VACUUM) lint --ruleset vacuum-ruleset.yaml --ignore-file vacuum-ignore.yaml \
	  --fail-severity warn --remote=false --timeout 300 \
	  --details --all-results --no-clip --no-style --no-banner openapi.yaml 2>&1); rc=$$?; \
	echo "$$out"; \
	if grep -q -i -e 'timed out' -e 'giving up' <<<"$$out"; then \
	  echo "lint-openapi: vacuum skipped a rule (see above), so the result is incomplete"; exit 1; fi; \
	exit $$rc

# The operations ogen cannot generate, each because openapi.yaml keeps the one construct that
# states a documented rule (the kin-openapi validators, the emulator and conformance read it):
#   validateBankAccount: the optional, empty, closed form body (Juspay documents no field; an
#     empty POST is valid); ogen cannot generate an optional form without fields.
# (The create form's anyOf of required field sets sits under `not: {not: ...}`, which ogen ignores.)
OGEN_SKIPPED := validateBankAccount

## lint-ogen: ogen v1.25.0 (pinned in tools/ogen/go.mod) generates a Go client and server from
##   openapi.yaml into a temporary directory; fails when it skips an operation that OGEN_SKIPPED
##   does not name, generates one that it names, or writes code that does not compile (so a generator
##   other than oapi-codegen accepts the spec)
lint-ogen:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	printf 'generator:\n  ignore_not_implemented: ["all"]\n' > "$$tmp/ogen.yml"; \
	$(GO) tool -modfile=tools/ogen/go.mod ogen -config "$$tmp/ogen.yml" -target "$$tmp/api" -package api \
	  -clean openapi.yaml > "$$tmp/log" 2>&1 || { cat "$$tmp/log"; exit 1; }; \
	bad=""; n=0; skipped=0; \
	for op in $$(sed -n 's/^ *operationId: *//p' openapi.yaml); do \
	  n=$$((n+1)); gen=0; grep -q "^	$${op^}Operation " "$$tmp/api/oas_operations_gen.go" && gen=1; \
	  case " $(OGEN_SKIPPED) " in \
	    *" $$op "*) skipped=$$((skipped+1)); [ $$gen = 0 ] || bad="$$bad $$op(now generated: drop it from OGEN_SKIPPED)";; \
	    *) [ $$gen = 1 ] || bad="$$bad $$op";; \
	  esac; \
	done; \
	if [ -n "$$bad" ]; then grep 'Skipping operation' "$$tmp/log" || true; \
	  echo "lint-ogen: ogen does not generate what it should:$$bad"; exit 1; fi; \
	sed 's|^module .*|module lintogen|' tools/ogen/go.mod > "$$tmp/go.mod"; cp tools/ogen/go.sum "$$tmp/"; \
	(cd "$$tmp" && GOFLAGS=-mod=mod GOWORK=off $(GO) build ./api) || { echo "lint-ogen: ogen's code does not compile"; exit 1; }; \
	echo "lint-ogen: ogen generated $$((n-skipped)) of $$n operations, and they compile; skipped, as OGEN_SKIPPED says: $(OGEN_SKIPPED)"

$(REDOCLY): tools/package.json tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## lint-redocly: optional, needs Node.js >= 20.19 and npm: Redocly CLI (pinned in tools/package.json)
##   with redocly.yaml, a second opinion on openapi.yaml; not part of `make test`
lint-redocly: $(REDOCLY)
	$(REDOCLY) lint --format=stylish openapi.yaml

## demo: the whole lifecycle against an in-process emulator (no key, no network)
demo:
	$(GO) run ./cmd/juspay-accounts demo

## test: check-generated, lint, api-check, every test with the race detector (Go only). The fuzz
##   targets run on their committed corpora there; exploring new inputs (`make fuzz`) is random, so
##   it is kept out of the gate: a finding becomes a corpus file under testdata/fuzz/ and a fix.
test: check-generated lint api-check
	$(GO) test -race -count=1 ./...

## test-browser: open /docs of an in-process emulator in headless Chromium (chromedp, pinned in
##   tools/browser/go.mod) and send every operation through "Try it out" as pre-filled; the last line
##   is "try-it-out: N of 9 operations 2xx". Installs Chromium from Debian packages when missing
##   (needs root). Not part of `make test`.
test-browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" != 0 ]; then echo "test-browser: Chromium is missing: install it (apt-get install chromium) or run as root" >&2; exit 1; fi; \
	  echo "test-browser: installing Chromium from Debian packages"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	fi
	@log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	(cd tools/browser && CHROMIUM="$$(command -v chromium)" $(GO) test -count=1 -v ./...) 2>&1 | tee "$$log"; rc=$${PIPESTATUS[0]}; \
	grep -h '^try-it-out:' "$$log" | tail -n 1 | grep . || echo "try-it-out: not reached (see above)"; exit $$rc

# Fuzzing and benchmarks (see BENCHMARKS.md). Fuzz targets are found in the
# *_test.go files: every `func FuzzX` is run for FUZZTIME.
FUZZTIME ?= 30s
BENCH_DIR ?= bench.out
BENCH_COUNT ?= 10
.PHONY: fuzz fuzz-short bench

## fuzz: run every fuzz target for FUZZTIME (default 30s) each
fuzz:
	@set -e; for t in $$(grep -r -o --include='*_test.go' --exclude-dir=tools '^func Fuzz[A-Za-z0-9_]*' . | sed 's/:func /:/' | sort); do \
	  pkg=$$(dirname $${t%%:*}); name=$${t##*:}; echo "fuzz: $$pkg $$name for $(FUZZTIME)"; \
	  $(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) $$pkg; done

## fuzz-short: a quick fuzz pass, 5,000 inputs per target (a count, not a duration: Go 1.26's fuzz
##   coordinator can fail a duration-bounded run with "context deadline exceeded" when it ends,
##   golang/go#75804, fixed in Go 1.27; a count has no deadline to race)
fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=5000x

BENCHSTAT := $(GO) tool -modfile=tools/bench/go.mod benchstat
.PHONY: bench-client

## bench-client: wrapper vs raw net/http (list, get, create; separately and paired in one loop) and body reads (wrapper vs gen), BENCH_COUNT interleaved runs of one test binary, summarised by benchstat (pinned in tools/bench/go.mod)
bench-client:
	@mkdir -p $(BENCH_DIR)
	$(GO) test -c -o $(BENCH_DIR)/loadtest.test ./loadtest
	@rm -f $(BENCH_DIR)/bench.txt
	set -o pipefail; for i in $$(seq $(BENCH_COUNT)); do \
	  (cd loadtest && $(abspath $(BENCH_DIR))/loadtest.test -test.run '^$$' -test.bench '^(BenchmarkClient|BenchmarkClientPaired|BenchmarkReadBody)$$' -test.benchmem -test.count 1) | tee -a $(BENCH_DIR)/bench.txt; done
	set -o pipefail; $(BENCHSTAT) -filter '-.name:ClientPaired' -col /impl $(BENCH_DIR)/bench.txt | tee $(BENCH_DIR)/benchstat.txt
	set -o pipefail; $(BENCHSTAT) -filter '.name:ClientPaired' $(BENCH_DIR)/bench.txt | tee -a $(BENCH_DIR)/benchstat.txt
	set -o pipefail; awk -f loadtest/benchratio.awk $(BENCH_DIR)/bench.txt | tee $(BENCH_DIR)/ratio.md

## bench: bench-client, conformance cost, emulator load and the 1,000,000-request run; results in $(BENCH_DIR)/
bench: bench-client
	set -o pipefail; $(GO) test -run '^$$' -bench '^BenchmarkConformanceValidate$$' -benchmem -count $(BENCH_COUNT) ./loadtest/ | tee $(BENCH_DIR)/conformance.txt
	set -o pipefail; $(GO) test -run '^$$' -bench '^BenchmarkEmulatorLoad$$' -benchtime 200000x -count 3 -benchmem ./loadtest/ | tee $(BENCH_DIR)/load-bench.txt
	set -o pipefail; $(GO) run ./loadtest/cmd/loadgen -clients 16 -requests 1000000 -heap-every 5s | tee $(BENCH_DIR)/load.txt

## conformance-live: hold Juspay's sandbox to openapi.yaml (needs JUSPAY_API_KEY and JUSPAY_CUSTOMER_ID; see README, Conformance)
.PHONY: conformance-live
conformance-live:
	$(GO) test -count=1 -v -run 'Live|CoverageReport' ./conformance
