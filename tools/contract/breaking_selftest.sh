#!/usr/bin/env bash
# Proves the breaking-change check can fail: copies the protos and their buf.yaml to a temporary
# directory, applies one change at a time, and runs the same `buf breaking` as
# `scripts/contract breaking` against the released image. The unchanged copy and a compatible
# change (a new field) must pass; each incompatible change must fail with the expected buf rule.
#
# Usage: breaking_selftest.sh BUF RELEASED_IMAGE   (scripts/contract breaking-selftest passes them)
set -euo pipefail
cd "$(dirname "$0")/../.."

buf=$(realpath "$1")
released=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
cases=0

# Copies the real protos (not third_party: buf.yaml excludes it) into $work/protos afresh.
fresh_copy() {
  rm -rf "$work/protos"
  mkdir -p "$work/protos"
  cp -r protos/redress protos/buf.yaml "$work/protos/"
}

# Replaces the text $2 with $3 in proto $1 (relative to protos/), failing if $2 is not there, so
# a change to the real protos cannot silently turn a case into a no-op.
mutate() {
  local file="$work/protos/$1"
  if ! grep -qF -- "$2" "$file"; then
    echo "breaking-selftest: '$2' not found in $1; update this test" >&2
    exit 1
  fi
  python3 - "$file" "$2" "$3" <<'EOF'
import sys
path, old, new = sys.argv[1:]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))
EOF
}

# Runs buf breaking on the copy; $1 is "pass" or the buf rule id the check must report.
expect() {
  local want="$1" description="$2" out rc=0
  cases=$((cases + 1))
  out=$("$buf" breaking "$work/protos" --against "$released" --error-format=json 2>&1) || rc=$?
  if [ "$want" = pass ]; then
    if [ "$rc" -eq 0 ]; then
      echo "ok: $description: passes"
    else
      echo "FAIL: $description: expected to pass, buf breaking exited $rc:" >&2
      echo "$out" >&2
      failures=$((failures + 1))
    fi
  elif [ "$rc" -ne 0 ] && grep -q "\"type\":\"$want\"" <<<"$out"; then
    echo "ok: $description: fails with $want"
  else
    echo "FAIL: $description: expected buf breaking to fail with $want; exit $rc, output:" >&2
    echo "${out:-<none>}" >&2
    failures=$((failures + 1))
  fi
}

fresh_copy
expect pass "unchanged protos"

fresh_copy
mutate redress/common/v1/date.proto "  int32 day = 3;" \
  "  int32 day = 3;
  // Added by the self-test.
  int32 week_of_year = 4;"
expect pass "a new field (compatible)"

fresh_copy
mutate redress/common/v1/date.proto "int32 day = 3;" "int32 day = 4;"
expect FIELD_NO_DELETE "a field renumbered (Date.day 3 -> 4)"

fresh_copy
mutate redress/common/v1/date.proto "int32 day = 3;" "int32 day_of_month = 3;"
expect FIELD_SAME_NAME "a field renamed (wire-compatible, breaks generated code and JSON)"

fresh_copy
mutate redress/common/v1/date.proto "int32 day = 3;" "int64 day = 3;"
expect FIELD_SAME_TYPE "a field's type changed (Date.day int32 -> int64)"

fresh_copy
mutate redress/intake/v1/intake.proto \
  "  rpc GetComplaint(GetComplaintRequest) returns (Complaint);" ""
expect RPC_NO_DELETE "an RPC removed (Intake.GetComplaint)"

echo "breaking-selftest: $((cases - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
