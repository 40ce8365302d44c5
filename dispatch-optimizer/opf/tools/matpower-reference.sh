#!/usr/bin/env bash
# Regenerates src/test/resources/matpower-reference/<case>.rundcopf.csv: MATPOWER's own rundcopf results, the reference the
# dispatch optimiser is tested against. Needs GNU Octave and a MATPOWER checkout (https://github.com/MATPOWER/matpower).
#
#   dispatch-optimizer/opf/tools/matpower-reference.sh /path/to/matpower [/path/to/shared/data] [case,case,...]
#
# Each file: `objective,<f in $/h>`, then `gen_bus,pg_mw` and one row per mpc.gen row (the same layout as
# `./gridai dcopf`). Also prints MATPOWER's wall time per case (one run each, after one warm-up solve of case9).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
matpower="${1:?usage: $0 MATPOWER_DIR [SHARED_DATA_DIR] [CASES]}"
data="${2:-$here/../../../../shared/data}"
cases="${3:-case9,case14,case24_ieee_rts,case30,case39,case57,case118,case300,case_ACTIVSg200,case_RTS_GMLC,case2383wp,case_ACTIVSg2000}"
out="$here/../src/test/resources/matpower-reference"
mkdir -p "$out"
command -v octave >/dev/null || { echo "octave not found: install GNU Octave (apt-get install octave)" >&2; exit 1; }
MATPOWER="$matpower" DATA="$data" OUT="$out" CASES="$cases" octave --no-gui --quiet --eval '
  mp = getenv("MATPOWER");
  addpath(fullfile(mp, "lib")); addpath(fullfile(mp, "mips", "lib"));
  addpath(fullfile(mp, "mp-opt-model", "lib")); addpath(fullfile(mp, "mptest", "lib"));
  warning("off", "all");
  mpopt = mpoption("verbose", 0, "out.all", 0);
  rundcopf(loadcase(fullfile(getenv("DATA"), "grid-cases", "matpower", "case9.m")), mpopt);
  cases = strsplit(getenv("CASES"), ",");
  for i = 1:numel(cases)
    mpc = loadcase(fullfile(getenv("DATA"), "grid-cases", "matpower", [cases{i} ".m"]));
    t0 = tic; r = rundcopf(mpc, mpopt); el = toc(t0);
    printf("%s success=%d f=%.10f seconds=%.3f\n", cases{i}, r.success, r.f, el);
    fid = fopen(fullfile(getenv("OUT"), [cases{i} ".rundcopf.csv"]), "w");
    fprintf(fid, "objective,%.12f\n", r.f);
    fprintf(fid, "gen_bus,pg_mw\n");
    for g = 1:size(r.gen, 1)
      fprintf(fid, "%d,%.12f\n", r.gen(g, 1), r.gen(g, 2));
    end
    fclose(fid);
  end'
