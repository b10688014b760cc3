#!/usr/bin/env bash
# The one test command (README.md, .ci/run): installs what the tests need, then runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests drive: tmux (end-to-end), Xvfb + xclip (X11 clipboard), neovim (the
# language server in a real editor), compilers that check generated snippets (go, javac,
# kotlinc, mcs + mono, php, ruby; rustc and python3 are already here), the shells the completion
# scripts are checked in, and man (with groff) for the man pages.
need=()
command -v tmux    >/dev/null || need+=(tmux)
command -v nvim    >/dev/null || need+=(neovim)
command -v Xvfb    >/dev/null || need+=(xvfb)
command -v xclip   >/dev/null || need+=(xclip)
command -v go      >/dev/null || need+=(golang-go)
command -v javac   >/dev/null || need+=(default-jdk-headless)
command -v node    >/dev/null || need+=(nodejs npm)
command -v mcs     >/dev/null || need+=(mono-mcs)
command -v mono    >/dev/null || need+=(mono-runtime)
[[ -e /usr/lib/mono/4.5/System.Runtime.Serialization.dll ]] \
                             || need+=(libmono-system-runtime-serialization4.0-cil)
command -v php     >/dev/null || need+=(php-cli)
command -v ruby    >/dev/null || need+=(ruby)
command -v zsh     >/dev/null || need+=(zsh)
command -v fish    >/dev/null || need+=(fish)
command -v man     >/dev/null || need+=(man-db)
command -v groff   >/dev/null || need+=(groff-base)
command -v kotlinc >/dev/null || need+=(kotlin)
[[ -e /usr/share/java/gson.jar ]] || need+=(libgoogle-gson-java)  # JVM body types (Java, Kotlin)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
  if [[ $(id -u) == 0 ]]; then
    echo "installing: ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "warning: missing ${need[*]} (run as root to install); the tests that need them will fail" >&2
  fi
fi

# TypeScript's compiler, for the snippet tests, installed locally from the npm registry.
if [[ ! -x tests/tools/node_modules/.bin/tsc ]]; then
  (cd tests/tools && npm install --silent --no-audit --no-fund >/dev/null)
fi

cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
# Benches are built by clippy above and run by hand (`cargo bench`), never in the test run.
cargo test 2>&1
