#!/usr/bin/env bash
# CI on a real Slurm: a one-node cluster on localhost (Debian's slurmctld, slurmd and munge, our own
# config and state under a temporary folder), `corpuslint slurm --shards 3` on a test corpus, then the
# merged report must equal a one-machine run byte for byte, with the same exit code. A second run with
# one index shard made to fail checks that the failure cancels every stage after it. The daemons this
# script started are stopped by their pids at the end, whatever happens. Facts it relies on:
# ../shared/notes/slurm.md (no systemd, munge as its own user, kill_invalid_depend).
set -euo pipefail
cd "$(dirname "$0")/.."
project=$PWD

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi

state=$(mktemp -d /tmp/corpuslint-slurm.XXXXXX)
chmod 755 "$state"
export SLURM_CONF=$state/slurm.conf
stop_daemons() {
  for daemon in slurmd slurmctld munge/munged; do
    pid_file=$state/$daemon.pid
    if [ -f "$pid_file" ]; then kill "$(cat "$pid_file")" 2>/dev/null || true; fi
  done
  for daemon in slurmd slurmctld munge/munged; do
    pid_file=$state/$daemon.pid
    for _ in $(seq 50); do
      if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then sleep 0.1; else break; fi
    done
  done
}
fail() {
  echo "slurm-e2e: $*" >&2
  for log in "$state"/slurmctld.log "$state"/slurmd.log "$state"/run/W/logs/*.log; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }
  done
  exit 1
}
trap 'stop_daemons; [ "${keep_state:-}" = 1 ] || rm -rf "$state"' EXIT

# munge refuses to run as root ("Logfile is insecure"): it runs as its own user, on a socket of ours.
mkdir -p "$state/munge"
chown munge: "$state/munge"
chmod 755 "$state/munge"
runuser -u munge -- munged --socket="$state/munge/munge.socket" --pid-file="$state/munge/munged.pid" \
  --log-file="$state/munge/munged.log" --seed-file="$state/munge/munged.seed"
for _ in $(seq 50); do munge -n --socket="$state/munge/munge.socket" 2>/dev/null | unmunge --socket="$state/munge/munge.socket" >/dev/null 2>&1 && break; sleep 0.1; done

node_line=$(slurmd -C | head -n 1 | sed 's/^NodeName=[^ ]* /NodeName=localhost /')
mkdir -p "$state/ctld" "$state/spool"
cat >"$SLURM_CONF" <<CONF
ClusterName=corpuslint-ci
SlurmctldHost=localhost
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$state/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
DependencyParameters=kill_invalid_depend
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
$node_line
PartitionName=ci Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF" -N localhost
for _ in $(seq 100); do
  scontrol show node localhost 2>/dev/null | grep -Eq 'State=IDLE' && break
  sleep 0.2
done
scontrol show node localhost | grep -Eq 'State=IDLE' || fail "the node did not come up"

# Prints the job's state once every task has left the queue (the first task state other than COMPLETED,
# else COMPLETED) and its exit code, polling `scontrol show job` every 0.2 s (sbatch --wait polls slower).
wait_for_job() {
  local job=$1 lines job_state
  for _ in $(seq 900); do
    lines=$(scontrol show job -o "$job" 2>/dev/null || true)
    if [ -z "$lines" ] || grep -Eq 'JobState=(PENDING|RUNNING|CONFIGURING|COMPLETING|SUSPENDED) ' <<<"$lines"; then
      sleep 0.2
      continue
    fi
    job_state=$(grep -o 'JobState=[A-Z_]*' <<<"$lines" | cut -d= -f2 | grep -v '^COMPLETED$' | head -n 1 || true)
    echo "${job_state:-COMPLETED} $(sed -n 's/.* ExitCode=\([0-9]*\):.*/\1/p' <<<"$lines" | sort -n | tail -n 1)"
    return
  done
  fail "job $job did not finish in 3 minutes"
}

mkdir -p "$state/run" "$state/one"
node scripts/make-cluster-corpus.mjs "$state/run/corpus"
node scripts/make-cluster-corpus.mjs "$state/one/corpus"
one_status=0
(cd "$state/one" && node "$project/bin/corpuslint.js" -f json -o one.json corpus 2>/dev/null) || one_status=$?

started=$(date +%s)
cd "$state/run"
jobs=$(node "$project/bin/corpuslint.js" slurm --shards 3 --work-dir W -f json -o cluster.json corpus)
echo "$jobs"
report_job=$(awk '$1 == "report" { print $2 }' <<<"$jobs")
read -r report_state report_status <<<"$(wait_for_job "$report_job")"
echo "slurm-e2e: report job $report_job $report_state (exit $report_status) after $(($(date +%s) - started)) s"
[ "$report_status" = "$one_status" ] || fail "the report exited $report_status, the one-machine run $one_status"
sed "s#$state/one/#$state/run/#g" "$state/one/one.json" | cmp - cluster.json || fail "the merged report differs from the one-machine run"
echo "slurm-e2e: merged report equals the one-machine run ($(wc -c <cluster.json) bytes)"

# A failed shard cancels what depends on it: index shard 1's digest path is made a folder it cannot replace.
rm -rf W2 && mkdir -p W2/digests/1/blocked
jobs=$(node "$project/bin/corpuslint.js" slurm --shards 3 --work-dir W2 -f json corpus)
read -r index_state _ <<<"$(wait_for_job "$(awk '$1 == "index" { print $2 }' <<<"$jobs")")"
[ "$index_state" = FAILED ] || fail "index shard 1 should have failed; the index job ended $index_state"
for stage in merge lint report; do
  read -r stage_state _ <<<"$(wait_for_job "$(awk -v stage=$stage '$1 == stage { print $2 }' <<<"$jobs")")"
  [ "$stage_state" = CANCELLED ] || fail "after a failed index shard ($index_state), the $stage job ended $stage_state, not CANCELLED"
done
echo "slurm-e2e: a failed index shard cancelled merge, lint and report"
cd "$project"
