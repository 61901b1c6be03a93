# One entry point for every routine task; README, CI and developers use the same targets.
.PHONY: bench deps ui ui-test bindings run test check-core lint rust-test e2e clean-screenshots licenses

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

# Every Rust test: core, CLI, app (IPC types), end to end through the real window.
rust-test:
	@mkdir -p target
	set -o pipefail; $(CARGO) test --workspace 2>&1 | tee target/rust-test.log

test: ui ui-test check-core lint rust-test
	@scripts/test-summary.sh target/ui-test.log target/rust-test.log

clean-screenshots:
	rm -rf target/screenshots

# Figures, printed, never asserted: CLI search beside the sqlite3 CLI, app start and memory.
bench: ui
	scripts/bench.sh
