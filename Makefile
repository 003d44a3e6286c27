# juspay-accounts build. `make test` is what CI runs (see .ci/run).
SHELL := /bin/bash
GO ?= go
REDOCLY := tools/node_modules/.bin/redocly

.PHONY: all generate check-generated lint test tools demo

all: test

## generate: regenerate gen/ from openapi.yaml (oapi-codegen pinned in tools/go.mod)
generate:
	$(GO) generate ./...

## check-generated: regenerate and fail, naming the files, if gen/ differs from openapi.yaml
check-generated:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	cp gen/*.gen.go "$$tmp"/ 2>/dev/null || true; \
	$(GO) generate ./...; \
	stale=""; \
	for f in gen/*.gen.go; do cmp -s "$$f" "$$tmp/$$(basename $$f)" || stale="$$stale $$f"; done; \
	for f in "$$tmp"/*.gen.go; do [ -e "gen/$$(basename $$f)" ] || stale="$$stale gen/$$(basename $$f)(removed)"; done; \
	if [ -n "$$stale" ]; then echo "check-generated: gen/ was out of step with openapi.yaml:$$stale"; \
	  echo "check-generated: run 'make generate' and commit the result"; exit 1; fi; \
	echo "check-generated: gen/ matches openapi.yaml"

$(REDOCLY): tools/package.json tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --loglevel=error
	touch $@

tools: $(REDOCLY)

## lint: gofmt, go vet, and the OpenAPI linter (redocly, pinned in tools/package.json)
lint: $(REDOCLY)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './tools/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(REDOCLY) lint --format=stylish openapi.yaml

## demo: the whole lifecycle against an in-process emulator (no key, no network)
demo:
	$(GO) run ./cmd/juspay-accounts demo

## test: check-generated, lint, every test with the race detector, then a short fuzz pass
test: check-generated lint
	$(GO) test -race -count=1 ./...
	@$(MAKE) --no-print-directory fuzz-short

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

## fuzz-short: the CI fuzz pass, 5 s per target
fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=5s

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
