# For CI's record of a failed leg: the failures of each Ansible run that ended with a failed host, each "fatal:" line
# with the 9 lines after it (its message), leaving out those Ansible went on from ("...ignoring"). Input without
# colour codes; Molecule's wrapped recap lines are read as one recap.
/fatal: \[/ { block = $0; left = 9; next }
left > 0 {
  block = block "\n" $0; left--
  if ($0 ~ /\.\.\.ignoring/) { block = ""; left = 0 }
  else if (left == 0) { run = run block "\n--\n"; block = "" }
  next
}
/PLAY RECAP/ { if (block != "") { run = run block "\n--\n"; block = ""; left = 0 }; in_recap = 1; next }
in_recap && /failed=[1-9]/ { failed = 1 }
in_recap && !/ok=|failed=|skipped=|\*\*\*/ { if (failed) printf "%s", run; run = ""; failed = 0; in_recap = 0 }
