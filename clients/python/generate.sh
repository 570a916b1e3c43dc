#!/usr/bin/env bash
# Generates the Python messages and gRPC stubs of every proto under protos/ (the Redress API and
# the google.rpc error protos) with Debian's protoc and grpc_python_plugin.
#
# Usage: clients/python/generate.sh [OUT_DIR]    (default: clients/python/gen, not committed)
#
# OUT_DIR receives the proto packages as Python packages (redress/intake/v1/intake_pb2.py,
# intake_pb2_grpc.py, ..., google/rpc/status_pb2.py, ...) with .pyi stubs for editors; it is
# emptied first, so it holds exactly what protos/ defines. redress_client finds it on its own at
# the default place, or through REDRESS_PYTHON_GEN. Needs: protobuf-compiler,
# protobuf-compiler-grpc (scripts/install-deps installs both).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$here/gen}"
plugin="$(command -v grpc_python_plugin || true)"
if [ -z "$plugin" ]; then
  echo "generate.sh: grpc_python_plugin not found (apt-get install protobuf-compiler-grpc)" >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"
cd "$root/protos"
mapfile -t redress_protos < <(find redress -name '*.proto' | sort)
mapfile -t rpc_protos < <(cd third_party && find google -name '*.proto' | sort)
protoc -I . -I third_party \
  --python_out="$out" --pyi_out="$out" \
  --grpc_python_out="$out" --plugin=protoc-gen-grpc_python="$plugin" \
  "${redress_protos[@]}" "${rpc_protos[@]}"
echo "generate.sh: ${#redress_protos[@]} Redress and ${#rpc_protos[@]} google.rpc protos -> $out"
