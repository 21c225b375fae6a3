#!/usr/bin/env bash
# Install the tool the way a partnership's IT would: build the wheel, install it into a fresh virtual
# environment, and run critique, draft, kloe, eval and the app's health check from a folder outside the checkout,
# with a fresh data folder. Fails if any command fails, if the installed package is not the one imported, or if
# an output lacks what it must contain. `make test-wheel`; CI runs it as its own step.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rra-wheel.XXXXXX")"
UI_PID=""
cleanup() {
  if [ -n "$UI_PID" ]; then kill "$UI_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "test-wheel: $*" >&2; exit 1; }
step() { echo "test-wheel: $*"; }

step "building the wheel"
"$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$WORK/dist" "$ROOT" >/dev/null
WHEEL="$(ls "$WORK"/dist/rapid_review_assistant-*.whl)"
# What a wheel must carry to run outside the checkout (each was missing from v1's wheel).
for member in assistant/resources/corpus/rapid-review-examples-2022.txt \
              assistant/resources/corpus/models/minilm-tokenizer.json \
              assistant/resources/prompts/finding-messages.yaml \
              assistant/resources/gold/panel_points.yaml \
              assistant/app/streamlit_app.py; do
  "$PYTHON" -c "import sys, zipfile; sys.exit(0 if sys.argv[2] in zipfile.ZipFile(sys.argv[1]).namelist() else 1)" \
    "$WHEEL" "$member" || fail "$member is not in $(basename "$WHEEL")"
done

step "installing $(basename "$WHEEL") into a fresh virtual environment"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --upgrade pip
"$WORK/venv/bin/python" -m pip install --quiet "$WHEEL[all]"

# Outside the checkout, with no settings from it: a fresh home and data folder, no .env, no RRA_* variables.
mkdir -p "$WORK/outside" "$WORK/home"
cd "$WORK/outside"
for var in $(env | grep -o '^RRA_[A-Z_]*' || true); do unset "$var"; done
export HOME="$WORK/home" RRA_DATA_DIR="$WORK/data" PYTHONNOUSERSITE=1
unset PYTHONPATH || true
RR="$WORK/venv/bin/rapid-review"

where="$("$WORK/venv/bin/python" -c 'import assistant; print(assistant.__file__)')"
case "$where" in "$WORK/venv/"*) ;; *) fail "imported assistant from $where, not the installed wheel" ;; esac

SAMPLES="$("$WORK/venv/bin/python" -c 'from assistant.resources import SAMPLES_DIR; print(SAMPLES_DIR)')"
cp "$SAMPLES/draft-baby-sleep.md" draft.md
cp "$SAMPLES/chronology-baby-injury.txt" chronology.txt

step "critique"
"$RR" critique draft.md -o critique.md
grep -q "Panel" critique.md || fail "the critique has no Panel-style feedback"
step "draft"
"$RR" draft chronology.txt -o draft-out.md
grep -qi "incident" draft-out.md || fail "the draft has no incident section"
step "kloe"
"$RR" kloe chronology.txt -o kloe.md
[ -s kloe.md ] || fail "kloe wrote nothing"
step "eval (the Panel's examples, gold labels shipped in the wheel)"
"$RR" eval --format json -o eval.json >/dev/null
"$WORK/venv/bin/python" -c 'import json, sys; r = json.load(open("eval.json")); sys.exit(0 if r else 1)' \
  || fail "eval wrote no report"

step "ui (health check)"
PORT="$("$WORK/venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$RR" ui --port "$PORT" >"$WORK/ui.log" 2>&1 &
UI_PID=$!
for _ in $(seq 1 120); do
  if "$WORK/venv/bin/python" -c "import sys, urllib.request
sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:$PORT/_stcore/health', timeout=1).read() == b'ok' else 1)" \
    2>/dev/null; then
    step "the app answered its health check"
    echo "test-wheel: passed ($(basename "$WHEEL"))"
    exit 0
  fi
  kill -0 "$UI_PID" 2>/dev/null || { cat "$WORK/ui.log" >&2; fail "the app stopped"; }
  sleep 0.5
done
cat "$WORK/ui.log" >&2
fail "the app did not answer its health check in 60 s"
