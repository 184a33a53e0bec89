# Installs what essais needs to build and test, only what is missing, and
# quietly when nothing is. Sourced by scripts/serve and scripts/test.
#
# Versions are pinned here and nowhere else:
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal wasm-bindgen in Cargo.lock
#  wasm-opt: npm binaryen@132 (package.json), never Debian's binaryen 108,
#  which produces a module that dies at start.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOG_DIR="$ROOT/target/setup-logs"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf 'essais: %s\n' "$*" >&2; }

# Runs a long install with its output in a log, shown only if it fails.
quietly() {
  local name=$1
  shift
  mkdir -p "$LOG_DIR"
  if ! "$@" >"$LOG_DIR/$name.log" 2>&1; then
    say "$name failed; its output:"
    tail -n 40 "$LOG_DIR/$name.log" >&2
    return 1
  fi
}

apt_install() {
  if [ -z "${ESSAIS_APT_UPDATED:-}" ]; then
    quietly apt-update apt-get update
    ESSAIS_APT_UPDATED=1
  fi
  quietly "apt-install-$1" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

ensure_rust() {
  command -v cargo >/dev/null || { say "cargo is missing: install Rust with rustup first"; return 1; }
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    quietly rustup-target rustup target add wasm32-unknown-unknown
  fi
  if ! cargo clippy --version >/dev/null 2>&1; then
    say "adding clippy"
    quietly rustup-clippy rustup component add clippy
  fi
}

ensure_cargo_tool() { # binary, version, crate, extra cargo-install flags...
  local bin=$1 version=$2 crate=$3
  shift 3
  if [ "$("$bin" --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
    say "installing $crate $version (several minutes, once)"
    quietly "install-$crate" cargo install "$crate" --version "$version" --force "$@"
  fi
}

ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    say "installing Node.js and npm"
    apt_install nodejs npm
  fi
  # Reinstall the npm tools when package-lock.json changed since the last install.
  local stamp="$ROOT/node_modules/.essais-lock"
  if ! cmp -s "$ROOT/package-lock.json" "$stamp" 2>/dev/null; then
    say "installing npm tools (wasm-opt, playwright-core) from package-lock.json"
    (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 quietly npm-ci npm ci --no-audit --no-fund)
    cp "$ROOT/package-lock.json" "$stamp"
  fi
}

ensure_build_tools() {
  ensure_rust
  ensure_cargo_tool trunk "$TRUNK_VERSION" trunk --locked
  # Not --locked: one of its locked dependencies is gone from the registry.
  ensure_cargo_tool wasm-bindgen "$WASM_BINDGEN_VERSION" wasm-bindgen-cli
  ensure_node
  # Trunk runs cargo --offline (it must never download): fetch crates first.
  (cd "$ROOT" && quietly cargo-fetch cargo fetch --locked)
}

ensure_browser() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
  command -v python3 >/dev/null || apt_install python3
}

# The release build in dist/ (the corpus is built from content/ into the
# build's staging dir by Trunk's pre_build hook). ESSAIS_PUBLIC_URL (default /) is the one setting for
# deploying under a sub-path: routes, assets, the corpus and the service
# worker's scope all follow it.
build_release() {
  (cd "$ROOT" && quietly trunk-build trunk build --release --public-url "${ESSAIS_PUBLIC_URL:-/}")
}

# The four deployments the end-to-end tests serve: the app at / and at
# /essais/, and for each a second deployment in which one essay changed
# (tests/e2e/offline.test.mjs deploys it over the first).
build_test_deployments() {
  local edited="$ROOT/target/e2e-content-update"
  rm -rf "$edited" && cp -r "$ROOT/content" "$edited"
  sed -i 's/^For once, I would like to tell you a little story\./For once, I would like to tell you a little story (second edition)./' \
    "$edited/essays/the-stopcock-and-the-new-economy.en.md"
  grep -q "(second edition)" "$edited/essays/the-stopcock-and-the-new-economy.en.md"
  # And a translation edited as translators do (tests/e2e/alignment.test.mjs):
  # one paragraph left untranslated, a translator's note added.
  local pair="$edited/essays/franchir-le-mur-de-la-realite.en.md"
  sed -i '/^You may perhaps call me an idealist/,+1d' "$pair"
  sed -i 's/^\(We all know (or should know) that any social initiative.*\)$/\1\n\nTranslator’s note: the French original speaks of the “social” enterprise, a phrase with no settled English equivalent; it is rendered here as social business throughout./' "$pair"
  grep -q "^Translator’s note" "$pair"
  if grep -q "^You may perhaps" "$pair"; then echo "setup: the edited pair kept its dropped paragraph" >&2; exit 1; fi
  # A sentence the translator added inside a paragraph (tests/e2e/sentences.test.mjs).
  local business="$edited/essays/le-business-modele-brise-du-business.en.md"
  sed -i 's/^\(At the micro level.*if only organizations open their doors\.\)$/\1 (A word from the translator: this sentence is not in the French.)/' "$business"
  grep -q "A word from the translator" "$business"
  (
    cd "$ROOT"
    # The test deployments carry the test hooks (`simulate_crash`); the
    # reader's build (`build_release`) does not. The app's cargo features
    # reach the step that builds its code through ESSAIS_FEATURES (Trunk.toml).
    export ESSAIS_FEATURES=csr,test-hooks
    quietly trunk-build-subpath trunk build --release --public-url /essais/ --dist dist-essais
    ESSAIS_CONTENT_DIR="$edited" quietly trunk-build-update trunk build --release --dist dist-update
    ESSAIS_CONTENT_DIR="$edited" quietly trunk-build-subpath-update \
      trunk build --release --public-url /essais/ --dist dist-essais-update
    quietly trunk-build trunk build --release --public-url /
  )
  # The same app above a small offline budget (tests/e2e/offline-budget.test.mjs):
  # its service worker saves the essays as they are opened, or all on request.
  rm -rf "$ROOT/dist-budget" && cp -r "$ROOT/dist" "$ROOT/dist-budget"
  (cd "$ROOT" && ESSAIS_OFFLINE_BUDGET_MB=0.01 quietly service-worker-budget node scripts/service-worker.mjs dist-budget)
  grep -q '"every_essay":false' "$ROOT/dist-budget/offline.json"
}
