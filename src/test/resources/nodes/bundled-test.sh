#!/bin/sh
# A test work type that can take several files in one process (see BundlesIT): upper-cases each input.
#   bundled-test.sh single GATE INPUT OUTPUT           one file, in the task's working directory
#   bundled-test.sh bundle GATE INPUT OUTPUT DIR...    each DIR/INPUT -> DIR/OUTPUT (a bundle)
#   bundled-test.sh bundle-archive GATE INPUT OUTPUT ZIP DIR...
#                                                     the same, then every DIR/OUTPUT or DIR/reason.txt packed into ZIP
# An input starting with BAD gets DIR/reason.txt instead (bundle) or exits 1 (single); one starting with CRASH
# ends the whole process with exit code 3. Every file done is logged as "<task id> <first line>" in GATE.runs.
# While GATE.hold exists the task writes GATE.started and waits for it to go (a test kills the daemon meanwhile).
set -eu
mode=$1 gate=$2 input=$3 output=$4
shift 4
archive=
if [ "$mode" = bundle-archive ]; then archive=$1; shift; fi
[ "$mode" = single ] && set -- .
if [ -e "$gate.hold" ]; then
    : > "$gate.started"
    while [ -e "$gate.hold" ]; do sleep 0.05; done
fi
for dir in "$@"; do
    first=$(head -n 1 "$dir/$input")
    case "$first" in
        CRASH*) echo "crashed on purpose on $first" >&2; exit 3 ;;
        BAD*)
            if [ "$mode" = single ]; then echo "cannot do $first" >&2; exit 1; fi
            echo "cannot do $first" > "$dir/reason.txt"
            continue ;;
    esac
    tr a-z A-Z < "$dir/$input" > "$dir/.$output.part"
    mv "$dir/.$output.part" "$dir/$output"
    echo "$AZ_BATCH_TASK_ID $first" >> "$gate.runs"
done
if [ -n "$archive" ]; then
    python3 -c '
import os, sys, zipfile
archive, output, folders = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile("." + archive + ".part", "w") as out:
    for folder in folders:
        for name in (output, "reason.txt"):
            if os.path.isfile(os.path.join(folder, name)):
                out.write(os.path.join(folder, name), arcname=folder + "/" + name)
os.replace("." + archive + ".part", archive)
' "$archive" "$output" "$@"
fi
