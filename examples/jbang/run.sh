#!/usr/bin/env bash
# Runs batch.camel.yaml with Camel JBang's `camel run`, the azure-batch component of this project on its class path.
#
#   export AZURE_BATCH_URL=http://127.0.0.1:8550            # the emulator's printed URL, or a real account URL
#   export AZURE_BATCH_KEY=$(cat <data-dir>/account.key)   # the account key (never on a command line)
#   export AZURE_BATCH_ACCOUNT=devbatchaccount1             # optional, this is the default
#   examples/jbang/run.sh [more camel run options, e.g. --max-seconds=60]
#
# Optional environment:
#   BATCHROUTES_JAR_DIR   folder holding the built batch-routes-<version>.jar (default: build it with mvn package)
#   CAMEL_JBANG_VERSION   Camel JBang (org.apache.camel:camel-jbang-core) version, default 4.17.0
#   JBANG_WORK_DIR        working folder (component jar, class path file, .camel-jbang), default target/camel-jbang
#   MVN_ARGS              options for every mvn call, default "-B -q -Dstyle.color=never" (add -o for offline)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CAMEL_JBANG_VERSION=${CAMEL_JBANG_VERSION:-4.17.0}
WORK=${JBANG_WORK_DIR:-$ROOT/target/camel-jbang}
read -r -a MVN_OPTS <<< "${MVN_ARGS:--B -q -Dstyle.color=never}"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAR=${JAVA_HOME:+$JAVA_HOME/bin/}jar

: "${AZURE_BATCH_URL:?set AZURE_BATCH_URL to the Batch account URL (the emulator prints it)}"
: "${AZURE_BATCH_KEY:?set AZURE_BATCH_KEY to the account key}"
mkdir -p "$WORK"

# 1. The component: the build's batch-routes-<version>-azure-batch.jar holds only it (classes, service files, catalog
#    JSON). Not the project jar: that one also holds the daemon and the emulator with their application.properties
#    and routes, and its pom brings Camel 4.18, which must not meet Camel JBang's own Camel. The component's
#    third-party dependencies come from Maven (--dep below; the versions of pom.xml).
if [ -z "${BATCHROUTES_JAR_DIR:-}" ]; then
  (cd "$ROOT" && mvn "${MVN_OPTS[@]}" -DskipTests package)
  BATCHROUTES_JAR_DIR=$ROOT/target
fi
COMPONENT_JAR=$(ls -t "$BATCHROUTES_JAR_DIR"/batch-routes-*-azure-batch.jar 2>/dev/null | head -n 1 || true)
[ -n "$COMPONENT_JAR" ] || { echo "no batch-routes-<version>-azure-batch.jar in $BATCHROUTES_JAR_DIR" >&2; exit 1; }
cp "$COMPONENT_JAR" "$WORK/batch-routes-azure-batch.jar"

# 2. Camel JBang from Maven: the class path of camel-jbang-core, whose CamelJBangMain is the `camel` command.
mvn "${MVN_OPTS[@]}" -f "$HERE/camel-jbang-pom.xml" -Dcamel.jbang.version="$CAMEL_JBANG_VERSION" \
    dependency:build-classpath -Dmdep.outputFile="$WORK/camel-jbang.classpath"

# 3. camel run. The legacy Batch SDK reflects into the JDK, hence the --add-opens; Camel JBang runs the routes in
#    this JVM. With the jbang launcher installed this line is the same as:
#      JAVA_TOOL_OPTIONS="--add-opens=java.base/java.util=ALL-UNNAMED ..." camel run batch.camel.yaml \
#        application.properties batch-routes-azure-batch.jar --dep=com.microsoft.azure:azure-batch:11.2.0,...
cd "$WORK"
exec "$JAVA" --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    --add-opens java.base/java.time=ALL-UNNAMED --add-opens java.base/java.net=ALL-UNNAMED \
    -cp "$(cat "$WORK/camel-jbang.classpath")" "$HERE/CamelJBang.java" \
    run "$HERE/batch.camel.yaml" "$HERE/application.properties" "$WORK/batch-routes-azure-batch.jar" \
    --dep=com.microsoft.azure:azure-batch:11.2.0,com.azure:azure-identity:1.18.1 \
    --logging-color=false "$@"
