#!/usr/bin/env bash
# Zweig's memory analysis: builds what it needs, runs the JMH benchmarks with -prof gc (Zweig's pages, the
# stocks page in Zweig and its peers, the complex page in Zweig and Pebble), profiles the three built-in pages
# with `zweig profile` (JFR allocation recordings), and writes the reports (see docs/memory-analysis.md):
#
#   reports/benchmark_results.txt        JMH's output, -prof gc columns included (and .json, kept for the next run)
#   reports/heap.jfr                     JFR allocation recording of the complex page (open with `jfr` or JMC)
#   reports/top_allocations.txt          top allocation sites with their stacks, per page
#   reports/{simple,medium,complex}_profile.txt   `zweig profile -complexity 1|2|3`
#   reports/allocations.svg              bytes/op and ops/s per benchmark, as a chart
#   reports/memory_optimization_report.md   tables, targets, sites mapped to strategies, change since last run
#   reports/previous.json                the last run's JMH results, compared against
#
# Usage: scripts/analyze_memory.sh [--quick] [--out DIR] [-- JMH-ARGS...]
#   --quick     fewer iterations and renders, the compiled executor only: about 3 minutes on 2 cores
#               (the full run, both executors: about 30)
#   --out DIR   where the reports go (default: reports/ at the repository root)
#   -- ARGS     passed to JMH, e.g. a benchmark regex:  scripts/analyze_memory.sh --quick -- StocksBenchmark
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=full
out="$root/reports"
jmh_extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) mode=quick; shift ;;
    --out) out="$2"; shift 2 ;;
    --out=*) out="${1#--out=}"; shift ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; jmh_extra=("$@"); break ;;
    *) echo "analyze_memory: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
start=$SECONDS
step() { printf '\n== [%3ds] %s\n' $((SECONDS - start)) "$*"; }

if [[ $mode == quick ]]; then
  jmh_opts=(-f 1 -wi 3 -w 700ms -i 2 -r 500ms -p executor=COMPILED)   # the default executor only
  iterations=(5000 3000 1000)
else
  jmh_opts=(-f 2 -wi 5 -w 1s -i 5 -r 1s)
  iterations=(50000 20000 5000)
fi

step "build (mvn -q -B -DskipTests package)"
(cd "$root" && mvn -q -B -DskipTests package -pl zweig-bench -am)
bench="$root/zweig-bench/target/benchmarks.jar"
cli="$root/zweig-cli/target/zweig-cli.jar"

if [[ -f "$out/benchmark_results.json" ]]; then
  mv "$out/benchmark_results.json" "$out/previous.json"
fi

step "JMH ($mode): java -jar zweig-bench/target/benchmarks.jar -prof gc ${jmh_opts[*]} ${jmh_extra[*]:-}"
java -jar "$bench" -prof gc "${jmh_opts[@]}" -rf json -rff "$out/benchmark_results.json" "${jmh_extra[@]}" \
  | tee "$out/benchmark_results.txt" | grep -E '^(# Benchmark:|# Parameters:|Iteration|Benchmark  |[A-Z][A-Za-z]+Benchmark\.)' \
  | grep -vE '^Iteration' || true
if [[ ! -s "$out/benchmark_results.json" ]]; then
  echo "analyze_memory: JMH wrote no results (see $out/benchmark_results.txt)" >&2
  exit 1
fi

# Smaller, fixed TLABs make JFR's allocation samples (taken at TLAB refills) finer-grained.
profile_jvm=(-XX:TLABSize=16k -XX:-ResizeTLAB)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
labels=(simple medium complex)
for n in 1 2 3; do
  label=${labels[$((n - 1))]}
  jfr="$work/$label.jfr"
  [[ $label == complex ]] && jfr="$out/heap.jfr"
  step "zweig profile -complexity=$n -iterations=${iterations[$((n - 1))]} -memprofile=$jfr"
  java "${profile_jvm[@]}" -jar "$cli" profile -complexity="$n" -iterations="${iterations[$((n - 1))]}" \
    -memprofile="$jfr" > "$out/${label}_profile.txt"
  sed -n '1,8p' "$out/${label}_profile.txt"
done

step "reports"
previous=()
[[ -f "$out/previous.json" ]] && previous=(--previous "$out/previous.json")
java -cp "$bench" dev.zweig.bench.report.MemoryReport --results "$out/benchmark_results.json" "${previous[@]}" \
  --jfr "complex=$out/heap.jfr" --jfr "medium=$work/medium.jfr" --jfr "simple=$work/simple.jfr" \
  --mode "$mode" --out "$out"

step "done in $((SECONDS - start)) s; the JMH summary:"
sed -n '/^Benchmark  /,$p' "$out/benchmark_results.txt"
echo
echo "Reports in $out: memory_optimization_report.md, allocations.svg, top_allocations.txt, benchmark_results.txt,"
echo "heap.jfr, simple_profile.txt, medium_profile.txt, complex_profile.txt"
