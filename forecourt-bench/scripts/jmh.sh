#!/usr/bin/env bash
# JMH micro-benchmarks of hot code (forecourt-bench/src): builds the module, then runs the benchmarks whose names
# match the arguments (all without). Usage: jmh.sh [REGEX...] [JMH options]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"
cd "$top"
./mvnw -B -q -DskipTests install -pl forecourt-bench -am
./mvnw -B -q dependency:build-classpath -pl forecourt-bench -Dmdep.outputFile="$here/target/classpath.txt" >/dev/null
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
  org.openjdk.jmh.Main "$@"
