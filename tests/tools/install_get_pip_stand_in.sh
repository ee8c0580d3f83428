#!/usr/bin/env bash
# Put the get-pip stand-in where ansible-test looks for its cached bootstrap
# script, for the pip version this ansible-test pins. A real cached script is kept.
set -euo pipefail
python=${1:?usage: $0 PYTHON}
version=$("$python" - <<'PY'
import re, inspect
from ansible_test._internal import python_requirements as pr
print(re.search(r"pip='([0-9.]+)'", inspect.getsource(pr)).group(1))
PY
)
cache="$HOME/.ansible/test/cache/get_pip_${version//./_}.py"
if [ ! -s "$cache" ]; then
  mkdir -p "$(dirname "$cache")"
  cp "$(dirname "$0")/get_pip_offline.py" "$cache"
  echo "installed get-pip stand-in for pip $version at $cache"
fi
