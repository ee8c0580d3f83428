# For CI's record of a failed leg: for each Ansible run that ended with a failed host, the failure that ended each
# failed host: Ansible's "[ERROR]: Task failed" summary with its Origin (the task's file and line) when it printed
# one, then the "fatal:"/"failed:" line with up to 30 lines of its result. Failures Ansible went on from
# ("...ignoring") are left out; a rescued failure is never a host's last one when the host failed later. Input
# without colour codes; Molecule's wrapped recap lines are read as one recap.
function host_in(line,   name) {
  if (!match(line, /(fatal|failed): \[[^]]+\]/)) return ""
  name = substr(line, RSTART, RLENGTH)
  sub(/^[a-z]+: \[/, "", name)
  sub(/\]$/, "", name)
  sub(/ -> .*$/, "", name)
  return name
}
function end_block() {
  if (block != "") last[block_host] = block
  block = ""
}
/\.\.\.ignoring/ { block = ""; next }
/\[ERROR\]: Task failed/ { end_block(); summary = $0; in_summary = 6; next }
in_summary > 0 && /Origin: / { summary = summary "\n" $0; in_summary = 0; next }
in_summary > 0 && !/(fatal|failed): \[/ { summary = summary "\n" $0; in_summary--; next }
/(fatal|failed): \[/ {
  end_block(); block_host = host_in($0)
  block = (summary != "" ? summary "\n" : "") $0; kept = 0; summary = ""; next
}
/TASK \[|RUNNING HANDLER \[|PLAY \[|(ok|changed|skipping): \[/ { end_block(); summary = ""; next }
/PLAY RECAP/ { end_block(); in_recap = 1; next }
block != "" { if (kept < 30) { block = block "\n" $0; kept++ }; next }
in_recap && /: ok=/ {
  recap_host = $0
  sub(/^[^[:alnum:]_.-]*/, "", recap_host)
  sub(/[[:space:]]*:.*$/, "", recap_host)
}
in_recap && /failed=[1-9]/ { failed_hosts[recap_host] = 1 }
function print_failed(   name) {
  for (name in failed_hosts) {
    if (name in last) printf "%s\n--\n", last[name]
    else printf "%s failed without a fatal line in this record\n--\n", name
  }
  delete failed_hosts; delete last; in_recap = 0
}
in_recap && !/ok=|failed=|skipped=|rescued=|ignored=|\*\*\*/ { print_failed() }
END { if (in_recap) print_failed() }
