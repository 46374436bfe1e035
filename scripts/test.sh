#!/usr/bin/env bash
# The test command: installs the Debian packages the tests use, then runs every test through Maven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/install-deps.sh"
exec mvn -B -ntp -f "$here/pom.xml" verify "$@"
