#!/usr/bin/env bash
# `make package-test`: installs the package `make package` built, as a user would (apt), and proves it: the app
# starts under Xvfb and draws its first page, the CLI runs with its man page and completions, the desktop entry and
# the metainfo validate, and removing (and purging) the package leaves the user's data folder as it was.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

tools=(desktop-file-utils appstream man-db lintian)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "package-test: installing ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

deb=$(ls target/release/bundle/deb/*.deb | head -1)
rpm=$(ls target/release/bundle/rpm/*.rpm | head -1)
echo "package-test: $deb ($(du -k "$deb" | cut -f1) KiB), $rpm ($(du -k "$rpm" | cut -f1) KiB)"
echo "package-test: installed size $(dpkg-deb -f "$deb" Installed-Size) KiB; Depends: $(dpkg-deb -f "$deb" Depends)"

echo "package-test: lintian says (reported, not fatal):"
lintian --tag-display-limit 0 "$deb" 2>&1 | sed 's/^/  /' || true

# A user's data, made by the packaged CLI once it is installed; it must outlive the package.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

if dpkg-query -W -f='${Status}' matinee 2>/dev/null | grep -q "install ok installed"; then
  $SUDO apt-get remove -y -qq matinee
fi
$SUDO apt-get install -y -qq "./$deb"

fail() { echo "package-test: FAILED: $*" >&2; exit 1; }
[ -x /usr/bin/matinee ] || fail "/usr/bin/matinee is not installed"
[ -x /usr/bin/matinee-cli ] || fail "/usr/bin/matinee-cli is not installed"
version=$(/usr/bin/matinee-cli --version) || fail "matinee-cli --version"
echo "package-test: $version"
[ "$version" = "matinee-cli $(dpkg-deb -f "$deb" Version)" ] || fail "the CLI's version is not the package's"
man -w matinee-cli >/dev/null || fail "man -w matinee-cli"
man -w matinee >/dev/null || fail "no man page for the app"
[ -s /usr/share/doc/matinee/copyright ] || fail "no copyright file"
man -w matinee-cli-catalogue-download >/dev/null || fail "no man page for a subcommand"
bash -c 'source /usr/share/bash-completion/completions/matinee-cli && complete -p matinee-cli' >/dev/null \
  || fail "the bash completion does not load"
[ -s /usr/share/zsh/vendor-completions/_matinee-cli ] || fail "no zsh completion"
[ -s /usr/share/fish/vendor_completions.d/matinee-cli.fish ] || fail "no fish completion"
desktop=$(dpkg -L matinee | grep '^/usr/share/applications/.*\.desktop$' | head -1)
[ -n "$desktop" ] || fail "no desktop entry"
desktop-file-validate "$desktop" || fail "the desktop entry does not validate"
appstreamcli validate --no-net /usr/share/metainfo/org.matinee.app.metainfo.xml || fail "the metainfo does not validate"
for size in 32 48 64 128 256 512; do
  [ -s "/usr/share/icons/hicolor/${size}x${size}/apps/matinee.png" ] || fail "no ${size}px icon"
done
[ -s /usr/share/icons/hicolor/scalable/apps/matinee.svg ] || fail "no scalable icon"
missing_libs=$(ldd /usr/bin/matinee /usr/bin/matinee-cli | grep "not found" || true)
[ -z "$missing_libs" ] || fail "libraries not found: $missing_libs"

HOME="$home" XDG_DATA_HOME="$home/.local/share" /usr/bin/matinee-cli rate "White God (2014)" 4/5 >/dev/null \
  || fail "the installed CLI could not rate a film"
data="$home/.local/share/org.matinee.app"
[ -s "$data/library.sqlite3" ] || fail "the CLI made no library in $data"
before=$(cd "$data" && find . -type f -name 'library.sqlite3*' -exec sha256sum {} + | sort)

# The installed app, started under Xvfb through tauri-driver, draws its first page.
# With the whole workspace, as `make test` builds it, so that Tauri is not compiled again with other features.
MATINEE_E2E_APP=/usr/bin/matinee cargo test --workspace --test package -- --ignored --nocapture

$SUDO apt-get remove -y -qq matinee
$SUDO dpkg --purge matinee
[ ! -e /usr/bin/matinee ] || fail "/usr/bin/matinee is still there after removal"
after=$(cd "$data" && find . -type f -name 'library.sqlite3*' -exec sha256sum {} + | sort)
[ "$before" = "$after" ] || fail "removing the package changed the user's data"
HOME="$home" python3 - "$data/library.sqlite3" <<'PY' || fail "the library is not as it was"
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
assert conn.execute("SELECT count(*) FROM rating").fetchone()[0] == 1
PY
echo "package-test: 1 passed, 0 failed"
