# One entry point for every routine task; README, CI and developers use the same targets.
.PHONY: deps ui ui-test bindings run test check-core lint rust-test e2e clean-screenshots

CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

deps:
	@scripts/ensure-deps.sh

# The UI is built (type-checked with warnings as errors) before cargo, which embeds ui/dist.
ui: deps
	cd ui && npm run build

ui-test: deps
	cd ui && npm test

# Rewrites ui/src/lib/bindings.ts from the Rust types.
bindings:
	MATINEE_UPDATE_BINDINGS=1 $(CARGO) test -p matinee --lib bindings

run: ui
	$(CARGO) run -p matinee --bin matinee

# The core must never depend on Tauri.
check-core:
	@if $(CARGO) tree -p matinee-core -e normal,build | grep -qi tauri; then \
		echo "matinee-core depends on tauri: the core must stay free of it" >&2; exit 1; \
	else echo "check-core: matinee-core has no tauri dependency"; fi

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# Every Rust test: core, CLI, app (IPC types), end to end through the real window.
rust-test:
	$(CARGO) test --workspace

test: ui ui-test check-core lint rust-test
	@echo "make test: all passed"

clean-screenshots:
	rm -rf target/screenshots
