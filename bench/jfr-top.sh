#!/usr/bin/env bash
# The top of a JFR CPU profile (jdk.ExecutionSample), as docs/benchmarks.md shows it:
#   bench/jfr-top.sh <recording.jfr> [N]
# prints the N (default 15) hottest top frames (self time) and the share of samples in which each
# layer appears anywhere on the stack (inclusive): HTTP server, JAX-RS, JSON, Hibernate, pgjdbc,
# Agroal, Narayana, the service's own code.
set -euo pipefail
FILE="$1"; N="${2:-15}"
JFR="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"
command -v "$JFR" >/dev/null || JFR="$(dirname "$(readlink -f "$(command -v java)")")/jfr"
"$JFR" print --events jdk.ExecutionSample --stack-depth 64 "$FILE" | awk -v n="$N" '
  /jdk.ExecutionSample/ { inside = 0 }
  /stackTrace = \[/ { samples++; inside = 1; first = 1; delete seen; next }
  inside && /^[[:space:]]*\]/ { inside = 0; next }
  inside {
    line = $0; sub(/^[[:space:]]+/, "", line); sub(/[[:space:]]+line:.*/, "", line)
    if (first) { self[line]++; first = 0 }
    layer = ""
    if (line ~ /^io\.netty|^io\.vertx/) layer = "Netty/Vert.x"
    else if (line ~ /^org\.jboss\.resteasy|^io\.quarkus\.resteasy/) layer = "RESTEasy Reactive"
    else if (line ~ /^com\.fasterxml\.jackson/) layer = "Jackson"
    else if (line ~ /^org\.hibernate|^io\.quarkus\.hibernate/) layer = "Hibernate"
    else if (line ~ /^org\.postgresql/) layer = "pgjdbc"
    else if (line ~ /^io\.agroal/) layer = "Agroal"
    else if (line ~ /^com\.arjuna|^io\.narayana/) layer = "Narayana (JTA)"
    else if (line ~ /^eu\.billing\.customers/) layer = "customers-service"
    else if (line ~ /^io\.micrometer/) layer = "Micrometer"
    if (layer != "" && !(layer in seen)) { seen[layer] = 1; inclusive[layer]++ }
  }
  END {
    printf "%d samples\n\nself (top frame):\n", samples
    for (f in self) printf "%6.1f%%  %s\n", 100 * self[f] / samples, f | "sort -rn | head -" n
    close("sort -rn | head -" n)
    printf "\ninclusive (anywhere on the stack):\n"
    for (l in inclusive) printf "%6.1f%%  %s\n", 100 * inclusive[l] / samples, l | "sort -rn"
  }'
