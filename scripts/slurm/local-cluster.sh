#!/usr/bin/env bash
# A one-node Slurm cluster on localhost for the tests: munged, slurmctld and slurmd as plain daemons (no systemd),
# every file (munge key and socket, slurm.conf, spool, state, logs, pid files) in one state folder.
#   local-cluster.sh start STATE   start it (2 CPUs); prints "SLURM_CONF=STATE/slurm.conf" when the node is idle
#   local-cluster.sh stop STATE    stop the daemons started with that state folder
# Needs root (slurmd runs as SlurmdUser=root) and Debian's slurm-wlm and munge (scripts/setup.sh installs them).
# Ports: TESSERA_SLURM_PORT (default 6817) for slurmctld, the next one for slurmd.
set -euo pipefail
action=${1:?usage: local-cluster.sh start|stop STATE}
state=${2:?usage: local-cluster.sh start|stop STATE}
mkdir -p "$state"
state=$(cd "$state" && pwd)

stop() {
  for pid_file in "$state/slurmd.pid" "$state/slurmctld.pid" "$state/munged.pid"; do
    [ -f "$pid_file" ] || continue
    pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$pid_file"
  done
}

case "$action" in
  stop) stop; exit 0 ;;
  start) ;;
  *) echo "local-cluster.sh: unknown action '$action' (start or stop)" >&2; exit 1 ;;
esac

[ "$(id -u)" -eq 0 ] || { echo "local-cluster.sh: a local Slurm needs root (slurmd runs as root)" >&2; exit 1; }
for program in munged mungekey slurmctld slurmd sinfo; do
  command -v "$program" >/dev/null || { echo "local-cluster.sh: '$program' is missing: apt-get install slurm-wlm munge (scripts/setup.sh does)" >&2; exit 1; }
done
stop
port=${TESSERA_SLURM_PORT:-6817}
node=$(hostname -s)
memory=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))  # MB, what jobs may ask for with --mem
mkdir -p "$state/spool" "$state/ctld" "$state/munge"
chmod 700 "$state/munge"
[ -f "$state/munge/munge.key" ] || mungekey --create --keyfile="$state/munge/munge.key"
munged --force --key-file="$state/munge/munge.key" --socket="$state/munge/munge.socket" \
       --pid-file="$state/munged.pid" --log-file="$state/munged.log" --seed-file="$state/munge/munge.seed"

cat > "$state/slurm.conf" <<CONF
# Written by scripts/slurm/local-cluster.sh: a one-node test cluster.
ClusterName=tessera-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$state/munge/munge.socket
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
MaxArraySize=10001
KillWait=2
MailProg=/bin/true
InactiveLimit=0
MinJobAge=600
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$state/slurm.conf"
for daemon in slurmctld slurmd; do
  "$daemon" -f "$SLURM_CONF" || {
    echo "local-cluster.sh: $daemon did not start (exit $?); the end of $state/$daemon.log:" >&2
    tail -n 5 "$state/$daemon.log" >&2 || true
    exit 1
  }
done
for _ in $(seq 150); do
  node_state=$(sinfo -h -n "$node" -o %T 2>/dev/null || true)
  case "$node_state" in idle*|mixed*|allocated*) echo "SLURM_CONF=$SLURM_CONF"; exit 0 ;; esac
  sleep 0.2
done
echo "local-cluster.sh: the node did not become idle in 30 s (state '${node_state:-none}'); logs in $state" >&2
tail -5 "$state/slurmctld.log" "$state/slurmd.log" >&2 || true
exit 1
