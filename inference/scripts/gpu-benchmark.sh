#!/usr/bin/env bash
# Raw ONNX Runtime throughput of the quantile-forecast model, CUDA and CPU side by side.
#
# Usage (from anywhere):
#   inference/scripts/gpu-benchmark.sh [--cpu-only] [--offline] [--model FILE.onnx] [--device N] [--threads N]
#                                      [--min-seconds S]
#
# What it does
#   1. Builds inference's classes and test classes when they are missing or --build is given
#      (./mvnw -pl inference test-compile; adds -am when grid-model is not in ~/.m2 yet).
#   2. Writes inference's test classpath to inference/target/bench/classpath.txt.
#   3. For CUDA: fetches com.microsoft.onnxruntime:onnxruntime_gpu:${onnxruntime.version} (the version in the parent
#      pom) with `./mvnw dependency:copy` into inference/target/bench/ and puts it on the classpath in place of the
#      CPU-only onnxruntime jar. The GPU jar (~640 MB) needs an NVIDIA driver plus the CUDA 12 and cuDNN 9 libraries
#      on LD_LIBRARY_PATH; without them its CUDA provider fails to start (it still runs on the CPU).
#   4. Runs io.gridai.inference.bench.RawOrtBenchmark (test sources) with providers CUDA,CPU: one table
#      provider,batch,rows_per_s,p50_us,p99_us for batches 1 … 8192, then a side-by-side table.
#
# When CUDA is not available (no GPU or driver, the GPU jar cannot be fetched, the CUDA provider does not start) it
# prints a line starting with "CUDA NOT AVAILABLE" with the reason, and the CPU table alone.
#
# Reading the numbers: ONNX Runtime has no CUDA kernel for ai.onnx.ml.TreeEnsembleRegressor, so in a CUDA session
# the trees still run on the CPU (only the final TopK sort may go to the GPU). Expect CUDA ≈ CPU plus copies for
# this model; the CUDA column matters for neural models, not for gradient-boosted trees.
#
# Options
#   --cpu-only     skip CUDA (and the 640 MB download)
#   --offline      pass -o to Maven (everything must be in ~/.m2 already)
#   --build        rebuild even when classes exist
#   --model FILE   benchmark this ONNX model instead of a freshly trained synthetic one (8 features, 3 quantiles)
#   --device N     CUDA device id (default 0)
#   --threads N    ONNX Runtime intra-op threads (default 1)
#   --min-seconds S  measuring time per batch size (default 0.5)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODULE="$ROOT/inference"
BENCH="$MODULE/target/bench"
cd "$ROOT"

cpu_only=false
build=false
maven_flags=(-B -ntp -q)
bench_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cpu-only) cpu_only=true; shift ;;
    --offline) maven_flags+=(-o); shift ;;
    --build) build=true; shift ;;
    --model|--device|--threads|--min-seconds)
      [[ $# -ge 2 ]] || { echo "$1 needs a value" >&2; exit 2; }
      bench_args+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

mkdir -p "$BENCH" "$MODULE/target/tmp"

if $build || [[ ! -f "$MODULE/target/test-classes/io/gridai/inference/bench/RawOrtBenchmark.class" ]]; then
  also_make=()
  [[ -d "$HOME/.m2/repository/io/gridai/grid-model" ]] || also_make=(-am)
  echo "# building inference (./mvnw ${maven_flags[*]} -pl inference ${also_make[*]} test-compile)"
  ./mvnw "${maven_flags[@]}" -pl inference "${also_make[@]}" test-compile
fi

./mvnw "${maven_flags[@]}" -pl inference dependency:build-classpath -Dmdep.outputFile="$BENCH/classpath.txt" >/dev/null
classpath="$(cat "$BENCH/classpath.txt")"

ort_version="$(sed -n 's:.*<onnxruntime.version>\(.*\)</onnxruntime.version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
providers="CPU"
if ! $cpu_only; then
  reason=""
  if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
    reason="no NVIDIA GPU or driver here (nvidia-smi missing or failing)"
  else
    gpu_jar="$BENCH/onnxruntime_gpu-$ort_version.jar"
    if [[ ! -f "$gpu_jar" ]]; then
      echo "# fetching com.microsoft.onnxruntime:onnxruntime_gpu:$ort_version (~640 MB)"
      if ! ./mvnw "${maven_flags[@]}" dependency:copy \
          -Dartifact="com.microsoft.onnxruntime:onnxruntime_gpu:$ort_version" -DoutputDirectory="$BENCH" >/dev/null; then
        reason="could not fetch com.microsoft.onnxruntime:onnxruntime_gpu:$ort_version"
      fi
    fi
    if [[ -z "$reason" ]]; then
      # The GPU jar replaces the CPU jar: both hold the same ai.onnxruntime classes.
      classpath="$(tr ':' '\n' <<<"$classpath" | grep -v "/onnxruntime-$ort_version.jar$" | paste -sd: -):$gpu_jar"
      providers="CUDA,CPU"
      nvidia-smi -L | sed 's/^/# /'
    fi
  fi
  [[ -z "$reason" ]] || echo "CUDA NOT AVAILABLE: $reason; measuring CPU only"
fi

exec java -Xmx2g -Djava.io.tmpdir="$MODULE/target/tmp" \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$classpath" \
  io.gridai.inference.bench.RawOrtBenchmark --providers "$providers" "${bench_args[@]}"
