#!/usr/bin/env bash
# The test command: installs the Debian packages the tests use, runs every test through Maven, then builds the user
# guide (`mvn site`) and checks it has a page for every figure kind `deepfig kinds` lists.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/install-deps.sh"
mvn -B -ntp -f "$here/pom.xml" verify "$@"
mvn -B -ntp -q -f "$here/pom.xml" -N site
jar="$(ls "$here"/generator/target/deepfig-generator-*.jar | head -1)"
for kind in $(java -jar "$jar" kinds | awk '{print $1}'); do
  [ -f "$here/target/site/kinds/$kind.html" ] || { echo "test: mvn site wrote no page for figure kind $kind" >&2; exit 1; }
  grep -q "<table" "$here/target/site/kinds/$kind.html" || [ "$(grep -c '^| `' "$here/site/markdown/kinds/$kind.md")" = 0 ] \
    || { echo "test: the page of $kind has no options table" >&2; exit 1; }
done
echo "test: user guide in target/site, a page for every figure kind"
