"""Request a URL every 50 ms until a stop file appears; write counts and the longest gap as JSON.

Usage: request_loop.py URL RESULT_FILE STOP_FILE [MAX_SECONDS]
"""
import json
import os
import sys
import time
import urllib.request


def main():
    url, result_file, stop_file = sys.argv[1:4]
    limit = float(sys.argv[4]) if len(sys.argv) > 4 else 900
    ok = failed = 0
    errors = {}
    start = last_ok = time.monotonic()
    longest_gap = 0.0
    while not os.path.exists(stop_file) and time.monotonic() - start < limit:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                response.read()
            now = time.monotonic()
            longest_gap = max(longest_gap, now - last_ok)
            last_ok = now
            ok += 1
        except Exception as error:  # every failure counts, whatever its kind
            failed += 1
            kind = type(getattr(error, "reason", error)).__name__  # URLError wraps the socket's own error
            errors[kind] = errors.get(kind, 0) + 1
        time.sleep(0.05)
    longest_gap = max(longest_gap, time.monotonic() - last_ok)
    with open(result_file, "w") as handle:
        json.dump({"ok": ok, "failed": failed, "errors": errors, "seconds": round(time.monotonic() - start, 1),
                   "longest_gap_seconds": round(longest_gap, 3)}, handle)


if __name__ == "__main__":
    main()
