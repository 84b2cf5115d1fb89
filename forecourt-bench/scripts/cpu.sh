# cpu_ticks PID...: utime+stime (clock ticks) of the processes and their threads
cpu_ticks() {
  local t=0 p
  for p in "$@"; do
    [ -r /proc/$p/stat ] || continue
    t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat)))
  done
  echo $t
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# jit_ticks PID: CPU ticks of a JVM's compiler threads, to tell how much of its measured CPU is the JIT's
jit_ticks() {
  local t=0 f
  for f in /proc/"$1"/task/*; do
    case "$(cat "$f/comm" 2>/dev/null)" in "C1 Compiler"*|"C2 Compiler"*) t=$((t + $(awk '{print $14 + $15}' "$f/stat")));; esac
  done
  echo $t
}
# jit_share J0 J1 C0 C1: the JIT's per cent of the JVM's CPU between two readings of jit_ticks and cpu_ticks
jit_share() { awk -v j=$(($2 - $1)) -v f=$(($4 - $3)) 'BEGIN {printf "%.0f", f ? 100 * j / f : 0}'; }
