# oauth-console — two commands on a fresh machine:
#   make serve   install what is missing, run the sandbox org (127.0.0.1:8787) and trunk serve (127.0.0.1:8080)
#   make test    install what the tests need, then every layer: fmt, clippy, native, browser, release build, e2e
#   make bench   benchmark report under target/bench/: sizes of the release build, list filter time, full chaos run
#   make dist    the release build an org deploys (dist/; SANDBOX=1 builds in the local sandbox org, as the tests do)
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION        := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
# The splitter of `make dist` (scripts/split.mjs); 0.2.4 is the first that knows wasm-bindgen 0.2.128+.
WASM_SPLIT_VERSION   := 0.2.4
E2E                  := tests/e2e
SUDO                 := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Trunk must find the pinned wasm-bindgen and npm's binaryen wasm-opt here, never download.
export PATH := $(CURDIR)/$(E2E)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER := /usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner

.PHONY: help serve test bench tools browser nginx node-deps fetch check-fmt clippy test-native test-sdk test-browser dist dist-test dist-subpath dist-release sandbox e2e clean

# One step at a time: the release builds share target/split, and the layers share the CPU.
.NOTPARALLEL:

help:
	@sed -n '2,6p' Makefile

# The local sandbox org is part of a build only with the cargo feature `sandbox` (src/env/sandbox.rs):
# on for `make serve` and every test layer, off for the build an org deploys.
WITH_SANDBOX := --features oauth-console/sandbox

## --- installs (each skipped when already there at the right version) -----------------------

tools: node-deps
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@if [ "$$(trunk --version 2>/dev/null)" != "trunk $(TRUNK_VERSION)" ]; then \
	  echo "installing trunk $(TRUNK_VERSION) (about 10 minutes)"; \
	  cargo install --locked trunk --version $(TRUNK_VERSION); fi
	@# not --locked: the CLI's lockfile names a crate version the registry lacks; its own crates are exact-pinned
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 3 minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi
	@if ! cargo install --list | grep -qx 'wasm_split_cli_support v$(WASM_SPLIT_VERSION):'; then \
	  echo "installing wasm_split_cli_support $(WASM_SPLIT_VERSION) (about 3 minutes)"; \
	  cargo install --locked wasm_split_cli_support --version $(WASM_SPLIT_VERSION) --features build-binary; fi

node-deps:
	@if [ ! -f $(E2E)/node_modules/.package-lock.json ] || [ $(E2E)/package-lock.json -nt $(E2E)/node_modules/.package-lock.json ]; then \
	  cd $(E2E) && npm ci --no-audit --no-fund; fi
	@wasm-opt --version | grep -q 'version 132' || { echo "wasm-opt on PATH is not binaryen 132"; exit 1; }

browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends chromium chromium-driver; fi

# Debian's nginx and its brotli_static module, for the deploy test (tests/e2e/nginx.mjs runs its own instance on loopback).
# The package may start the default site on install: stopped again, nothing of it is used.
nginx:
	@if ! { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; } || [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends nginx libnginx-mod-http-brotli-static; \
	  $(SUDO) /usr/sbin/nginx -s quit 2>/dev/null || true; fi

fetch:
	@cargo fetch --quiet

## --- serve -------------------------------------------------------------------------------------

sandbox: fetch
	cargo build -p sandbox-org

serve: tools sandbox
	@echo "sandbox org: http://127.0.0.1:8787   a second org (custom URLs): http://127.0.0.1:8789   console: http://127.0.0.1:8080   (Ctrl-C stops all)"
	@trap 'kill 0' INT TERM EXIT; ./target/debug/sandbox-org & \
	  ./target/debug/sandbox-org --port 8789 --org-name "Sandbox Test Org" --org-id 7d1e0c2b-5a4f-4e6d-9b3a-2c1d0e9f8a02 & \
	  trunk serve --features sandbox --dist target/serve-dist

## --- test --------------------------------------------------------------------------------------

test: tools browser nginx fetch check-fmt clippy test-native test-sdk test-browser e2e
	@echo "make test: all layers passed"

check-fmt:
	cargo fmt --all --check

# Natively with the sandbox org, for wasm32 as an org's build is (without it).
clippy:
	cargo clippy --workspace --all-targets $(WITH_SANDBOX) -- -D warnings
	cargo clippy -p oauth-console --target wasm32-unknown-unknown --all-targets --features split -- -D warnings

# Every test with the sandbox org; the app's own tests also as an org's build is, without it.
test-native:
	cargo test --workspace $(WITH_SANDBOX)
	cargo test -p oauth-console --lib

# The sandbox org driven by the vendor's official Python SDK (from PyPI, in a venv under target/).
SDK_VENV := target/sdk-venv
$(SDK_VENV)/ok: tests/sdk/requirements.txt
	python3 -m venv $(SDK_VENV)
	$(SDK_VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/sdk/requirements.txt
	touch $@

test-sdk: sandbox $(SDK_VENV)/ok
	$(SDK_VENV)/bin/python tests/sdk/test_sdk.py target/debug/sandbox-org

test-browser:
	cargo test -p oauth-console --target wasm32-unknown-unknown $(WITH_SANDBOX)

# make dist PUBLIC_URL=/oauth-console/ builds for a sub-path; DIST=folder writes elsewhere;
# NGINX_ROOT is the root of the nginx locations written beside the build (deploy/nginx.conf).
# SANDBOX=1 builds the local sandbox org in (the tests' builds).
PUBLIC_URL = /
DIST       = dist
NGINX_ROOT = /var/www/html
SANDBOX    =
# Split by screen (src/screens.rs): the splitter reads the linker's relocations, and keeps data
# segments apart to move each screen's data with its code; its own target folder, so these flags
# do not rebuild the other layers' crates. RUSTFLAGS replaces .cargo/config.toml's flags for
# wasm32: erase_components is said again here (without it the module is 18% larger).
SPLIT_ENV  = CARGO_TARGET_DIR=$(CURDIR)/target/split RUSTFLAGS="--cfg erase_components -Clink-args=--emit-relocs -Clink-arg=--no-merge-data-segments"
dist: tools fetch
	$(SPLIT_ENV) trunk build --release --public-url $(PUBLIC_URL) --dist $(DIST) --features split$(if $(filter 1,$(SANDBOX)),$(comma)sandbox)
	node scripts/headers.mjs $(DIST) $(if $(filter 1,$(SANDBOX)),--sandbox)
	node scripts/nginx.mjs $(DIST) --webroot $(NGINX_ROOT)
	node scripts/compress.mjs $(DIST)
comma := ,

# The builds the browser tests run: dist/ with the sandbox org, the same for /oauth-console/ (the
# deploy test serves it with nginx), and an org's build (the release project checks it has no sandbox).
dist-test:
	$(MAKE) --no-print-directory dist SANDBOX=1
dist-subpath:
	$(MAKE) --no-print-directory dist PUBLIC_URL=/oauth-console/ DIST=target/www/oauth-console SANDBOX=1
dist-release:
	$(MAKE) --no-print-directory dist DIST=target/release-dist

e2e: sandbox dist-test dist-subpath dist-release nginx
	cd $(E2E) && npx playwright test

## --- bench -------------------------------------------------------------------------------------

bench: sandbox dist-test dist-release
	node scripts/bench.mjs target/release-dist
	cargo bench --bench filter
	@# In fresh Chromium instances: cold load, sign-in round trip, the list at 1,000 and 10,000 clients.
	cd $(E2E) && npx playwright test -c bench.config.ts
	@# The full chaos run: 100 UI operations against a faulty sandbox org (make test runs 16).
	cd $(E2E) && E2E_DEPLOY=0 CHAOS_OPS=100 npx playwright test specs/chaos.spec.ts

clean:
	cargo clean
	rm -rf dist $(E2E)/test-results $(E2E)/playwright-report
