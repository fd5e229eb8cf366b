#!/usr/bin/env bash
# Builds what the dev stack needs, then starts embedded Kafka, PostgreSQL, Redis and S3 API and the
# five services. Ctrl-C (or SIGTERM) stops everything. Settings: devstack/README.md.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building the suite (the first build downloads dependencies from Maven Central)..."
build_start=$(date +%s)
./mvnw -B -q -DskipTests package -pl devstack -am
echo "Build done in $(( $(date +%s) - build_start )) s."
exec java ${FEATURESTORE_DEVSTACK_JAVA_OPTS:--Xmx1g} \
  -Dfeaturestore.devstack.root="$PWD" \
  -jar devstack/target/devstack.jar "$@"
