# One entry point for every routine task; README, CI and developers use the same targets.
.PHONY: bench bench-startup deps ui ui-test bindings run test check-core lint rust-test e2e clean-screenshots licenses package package-test fuzz

SHELL := /bin/bash
CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

deps:
	@scripts/ensure-deps.sh

# The UI is built (type-checked with warnings as errors) before cargo, which embeds ui/dist.
ui: deps
	cd ui && npm run build

ui-test: deps
	@mkdir -p target
	set -o pipefail; cd ui && npm test 2>&1 | tee ../target/ui-test.log

# Rewrites src-tauri/licenses.json (the About page's licences) from Cargo.lock and the UI bundle; a test fails when
# a crate built in is missing from it.
licenses: ui
	@command -v cargo-about >/dev/null || $(CARGO) install cargo-about --locked --features cli
	python3 scripts/licenses.py

# Rewrites ui/src/lib/bindings.ts from the Rust types.
bindings:
	MATINEE_UPDATE_BINDINGS=1 $(CARGO) test -p matinee --lib bindings

run: ui
	$(CARGO) run -p matinee --bin matinee

# The core must never depend on Tauri.
check-core:
	@if $(CARGO) tree -p matinee-core -e normal,build --prefix none --format '{p}' | awk '{print $$1}' | grep -qiE '^tauri'; then \
		echo "matinee-core depends on tauri: the core must stay free of it" >&2; exit 1; \
	else echo "check-core: matinee-core has no tauri dependency"; fi

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# Fuzzing every parser (src-tauri/core/tests/fuzz.rs) in the release build, each target time-boxed to FUZZ_SECONDS
# (eleven targets, two at a time: about eleven minutes at 120), with the day's seed (FUZZ_SEED=N replays a run).
# Prints each target's cases, failures and slowest case, then the total. `make test` runs the same binary briefly.
FUZZ_SECONDS ?= 120
FUZZ_SEED ?= $(shell date +%Y%m%d)
fuzz:
	@mkdir -p target
	@echo "fuzz: seed $(FUZZ_SEED), $(FUZZ_SECONDS) s per target"
	set -o pipefail; MATINEE_FUZZ_CASES=$${MATINEE_FUZZ_CASES:-1000000000} MATINEE_FUZZ_SECONDS=$(FUZZ_SECONDS) \
		MATINEE_FUZZ_SEED=$(FUZZ_SEED) MATINEE_FUZZ_CASE_SECONDS=$${MATINEE_FUZZ_CASE_SECONDS:-5} \
		$(CARGO) test --release -p matinee-core --test fuzz -- --test-threads 2 2>&1 | tee target/fuzz.log; status=$$?; \
	awk '/^fuzz [^:]+: [0-9]+ cases/ && !seen[$$2]++ { n += $$3; f += $$7 } END { printf "fuzz: %d cases in all, %d failures\n", n, f }' target/fuzz.log; \
	exit $$status

# Every Rust test: core, CLI, app (IPC types), end to end through the real window.
rust-test:
	@mkdir -p target
	set -o pipefail; $(CARGO) test --workspace 2>&1 | tee target/rust-test.log

# Every test and lint, as the targets above would run them, with one build of the workspace for the lints and the
# tests, the UI tests beside the Rust build and the end-to-end tests beside the other test binaries; prints each
# phase's time at the end (scripts/test.sh).
test:
	@scripts/test.sh

# The Debian package and the RPM of the release app, with matinee-cli, its man pages and completions, the icons, the
# desktop entry and the AppStream metainfo (target/release/bundle/deb and rpm). The Tauri bundler is the npm one.
package: ui
	$(CARGO) build --release -p matinee-cli
	rm -rf target/package
	target/release/matinee-cli generate-docs --man target/package/man --completions target/package/completions
	cp packaging/matinee.1 target/package/man/
	gzip -9n target/package/man/*.1
	ui/node_modules/.bin/tauri build --bundles deb,rpm
	@ls -l target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm

# Builds the package, installs it with apt, starts the installed app under Xvfb, checks the CLI, its man page,
# completions, desktop entry and metainfo, removes the package and finds the user's data as it was.
package-test: package
	scripts/package-test.sh

clean-screenshots:
	rm -rf target/screenshots

# Figures, printed, never asserted: CLI search beside the sqlite3 CLI, app start and memory.
bench: ui
	scripts/bench.sh

# Start-up and memory only: the minimal Tauri app, Matinee on its starter catalogue, and on the catalogue of the data
# folder in BENCH_DATA_DIR if set (make bench runs it with its largest catalogue).
bench-startup: ui
	scripts/bench-startup.sh $(BENCH_DATA_DIR)
