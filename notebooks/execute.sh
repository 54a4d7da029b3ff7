#!/usr/bin/env bash
# Re-executes every notebook in place through real Jupyter with the Sluice kernel, so that the
# outputs committed with them come from the same execution that CI runs (JupyterNbconvertIT).
# Needs jupyter nbconvert (Debian: apt-get install jupyter-nbconvert python3-nbclient).
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -f ../pom.xml -pl notebooks -am -DskipTests install
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
java -jar target/sluice-kernel.jar install --prefix "$prefix"
JUPYTER_PATH="$prefix/share/jupyter" jupyter nbconvert --to notebook --execute --inplace \
  --ExecutePreprocessor.kernel_name=sluice-java --ExecutePreprocessor.timeout=300 ./*.ipynb
