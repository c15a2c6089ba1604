#!/usr/bin/env bash
# Drives a cluster run on Kubernetes: the four stages as Jobs, one after the other
# (kubectl apply, kubectl wait --for=condition=complete, next stage), then prints the report's
# exit code as its own. A failed stage stops the run; running the script again skips every shard
# that finished (completion markers in the work dir), so only the missing ones run.
#
#   examples/kubernetes/run.sh [SHARDS] [PARALLELISM]     # default 4 shards, all at once
#
# Needs: the claim corpus-data holding the corpus (mounted at /data/corpus), a ReadWriteMany storage
# class for corpuslint-work, and the image built from ./Dockerfile. The manifests are written for
# 4 shards; SHARDS rewrites completions and --shard-count together, so they always agree.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shards=${1:-4}
parallelism=${2:-$shards}

manifest() {
  sed -e "s/completions: 4/completions: $shards/" \
      -e "s/parallelism: 4/parallelism: $parallelism/" \
      -e "s/\"--shard-count\", \"4\"/\"--shard-count\", \"$shards\"/" \
      -e "s/--shard-count 4/--shard-count $shards/" "$here/$1"
}

# Waits until the Job is Complete (returns 0) or Failed (returns 1).
wait_for() {
  local job=$1 complete failed
  kubectl wait --for=condition=complete --timeout=-1s "job/$job" >/dev/null & complete=$!
  kubectl wait --for=condition=failed --timeout=-1s "job/$job" >/dev/null & failed=$!
  wait -n "$complete" "$failed" || true
  kill "$complete" "$failed" 2>/dev/null || true
  [ "$(kubectl get "job/$job" -o jsonpath='{.status.conditions[?(@.type=="Complete")].status}')" = True ]
}

kubectl apply -f "$here/work-volume.yaml"
for stage in index merge lint report; do
  job=corpuslint-$stage
  # A Job's spec cannot be changed once created: the previous run's Job goes, its outputs stay.
  kubectl delete "job/$job" --ignore-not-found --wait=true >/dev/null
  manifest "$stage-job.yaml" | kubectl apply -f -
  if wait_for "$job"; then
    echo "corpuslint: $stage done"
    continue
  fi
  kubectl logs "job/$job" --tail=5 >&2 || true
  if [ "$stage" = report ]; then break; fi
  echo "corpuslint: the $stage stage failed; fix the cause and run $0 again (finished shards are skipped)" >&2
  exit 2
done
status=$(kubectl get pods -l "job-name=corpuslint-report" -o jsonpath='{.items[-1:].status.containerStatuses[0].state.terminated.exitCode}')
echo "corpuslint: report in /work/report.sarif on the claim corpuslint-work (exit code $status)"
exit "${status:-2}"
