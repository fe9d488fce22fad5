# Sourced by the benches. Each bench prints its figures as rows on stdout, tab-separated:
#   what <TAB> ours <TAB> reference name <TAB> reference figure <TAB> note
# and its progress on stderr; bench/run.sh gathers the rows of all of them into one table.

# row WHAT OURS [REFERENCE FIGURE [NOTE]]
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "${3:--}" "${4:--}" "${5:-}"; }

# The median of the numbers on stdin, one a line or space-separated.
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The largest of the numbers on stdin.
largest() { tr ' ' '\n' | grep . | sort -g | tail -1; }
