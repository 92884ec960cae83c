# Sourced by scripts/spacy/check.sh and bench/spacy/run.sh: makes the Python virtualenv .venv at
# the repository root with scripts/spacy/requirements.txt (pinned spaCy, pytest) and builds the
# `raqim` command line in release. Idempotent: the pip install is skipped while the requirements
# file is unchanged (a hash stamp in .venv), so later runs take seconds.
# Expects the repository root as the working directory; sets VENV.
VENV=$PWD/.venv
REQUIREMENTS=scripts/spacy/requirements.txt
STAMP=$VENV/.requirements.sha256
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }

if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  say "apt-get install python3-venv"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
fi
if [ ! -x "$VENV/bin/python" ]; then
  say "python3 -m venv .venv"
  python3 -m venv "$VENV"
fi
want=$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  say "pip install -r $REQUIREMENTS (spaCy; about a minute, once)"
  "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$REQUIREMENTS"
  echo "$want" > "$STAMP"
fi

say "cargo build --release -p raqim-cli"
cargo build --release --locked -q -p raqim-cli
