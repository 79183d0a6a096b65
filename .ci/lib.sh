# Shared by .ci/app and .ci/test: install what is missing (from registries only) and locate things.
# shellcheck shell=bash

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

say() { printf '\n==> %s\n' "$*" >&2; }

# Build output lives outside the clone so fresh clones (CI) reuse it.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${HOME}/.cache/bluelamp/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    say "installing ${missing[*]} from Debian's packages"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_rust() {
  command -v cargo >/dev/null || { echo "cargo is required (https://rustup.rs)"; exit 1; }
  if ! rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # Native build needs: a C compiler (bundled SQLite) and libpq (PostgreSQL driver).
  apt_install gcc pkg-config libpq-dev
}

build_frontend() {
  say "building the browser app (WebAssembly)"
  cargo run -q --release -p bluelamp-xtask -- build --release
}

# The API conformance fuzzer (Schemathesis, from PyPI), in a virtual environment kept beside the build
# cache; the conformance tests find it through BLUELAMP_SCHEMATHESIS and fail if it is missing.
SCHEMATHESIS_VERSION=4.32.5
ensure_schemathesis() {
  local venv="${HOME}/.cache/bluelamp/venv"
  if ! "$venv/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    say "installing Schemathesis $SCHEMATHESIS_VERSION from PyPI"
    python3 -m venv "$venv" || { apt_install python3-venv; python3 -m venv "$venv"; }
    "$venv/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  export BLUELAMP_SCHEMATHESIS="$venv/bin/st"
}

# Tools the tests run with Node.js (a real OpenID Connect provider for the single sign-on tests), from
# the npm registry at the versions locked in tests/support/node, installed beside the build cache; the
# tests find them through BLUELAMP_NODE_DIR.
ensure_node_tools() {
  command -v node >/dev/null || apt_install nodejs npm
  local dir="${HOME}/.cache/bluelamp/node" src
  src="$(repo_root)/tests/support/node"
  if ! cmp -s "$src/package-lock.json" "$dir/package-lock.json" || [ ! -d "$dir/node_modules/oidc-provider" ]; then
    say "installing the Node.js test tools (npm ci)"
    mkdir -p "$dir"
    cp "$src/package.json" "$src/package-lock.json" "$dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --silent)
  fi
  export BLUELAMP_NODE_DIR="$dir"
}
