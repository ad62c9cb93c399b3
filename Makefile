# fixplan: `make demo` and `make test` work on a fresh machine; each step
# installs what it needs first, and skips what is already there.

SHELL := /bin/bash
KB    ?= rules/iphone-backup
CARGO ?= cargo

.PHONY: demo test bench dist setup-rust lint test-native build-wasm doc check-kb fuzz

# Until the widget exists, the demo is the authors' CLI on the default knowledge base.
demo: setup-rust
	$(CARGO) build --release --bin fixplan
	./target/release/fixplan check $(KB)
	./target/release/fixplan plan $(KB) --observe channel=icloud --text "iPhone Backup Failed: there is not enough iCloud storage"

# The whole suite; .ci/run calls exactly this.
test: setup-rust lint test-native build-wasm doc check-kb

# The wasm32 target is needed to prove the core builds for the browser.
setup-rust:
	@rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

# Formatting and lints are part of the contract, not advice.
lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings

# Unit, property, scenario, CLI and doc tests.
test-native:
	$(CARGO) test

# The pure core must keep compiling for the browser.
build-wasm:
	$(CARGO) build --lib --target wasm32-unknown-unknown --release
	@ls -l target/wasm32-unknown-unknown/release/fixplan.wasm | awk '{print "wasm (unoptimised, no glue): " $$5 " bytes"}'

# Broken intra-doc links and doc warnings fail the build.
doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps --lib

# The default knowledge base validates and its scenarios pass.
check-kb:
	$(CARGO) run --quiet --bin fixplan -- check $(KB)

# Criterion benchmarks; writes the tables in BENCHMARKS.md.
bench:
	$(CARGO) bench --bench engine
	python3 benches/report.py > BENCHMARKS.md.new && mv BENCHMARKS.md.new BENCHMARKS.md

# The fuzz targets (need cargo-fuzz; run for FUZZ_SECONDS each).
FUZZ_SECONDS ?= 60
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz
	mkdir -p fuzz/corpus/expr fuzz/corpus/kb
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run expr corpus/expr seeds/expr -- -max_total_time=$(FUZZ_SECONDS)
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run kb corpus/kb seeds/kb -- -max_total_time=$(FUZZ_SECONDS)
