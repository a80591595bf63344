#!/usr/bin/env python3
"""Writes the N most frequent words of a text file, one "word count" per line, most frequent first.

Usage: topwords.py INPUT OUTPUT [N]
       topwords.py --in-dirs INPUT OUTPUT N [--archive ZIP] DIR...
           (a bundle: DIR/INPUT -> DIR/OUTPUT for each DIR, one process)

In a bundle each folder is one file of its own: its result is written under a temporary name and renamed into
place (never half-written); a file that cannot be read gets DIR/reason.txt with why, and the others carry on. With
--archive, every folder's result or reason is then also packed into ZIP (entries DIR/OUTPUT or DIR/reason.txt,
stored, not compressed), written under a temporary name and renamed into place: the task uploads that one file
instead of one per folder. The exit code is 0 once every folder has a result or a reason.

Words are runs of letters, digits and apostrophes, compared case-insensitively; ties are ordered
alphabetically so the result is deterministic. The input is read line by line (any size), as UTF-8
(a BOM is skipped); a file that is not valid UTF-8 is read as Latin-1, and a note says so on stderr.
"""
import collections
import os
import re
import sys
import zipfile

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def count_words(path, encoding):
    counts = collections.Counter()
    with open(path, encoding=encoding, errors="strict") as lines:
        for line in lines:
            counts.update(w.lower() for w in WORD.findall(line))
    return counts


def top_words(source, target, n):
    try:
        counts = count_words(source, "utf-8-sig")
    except UnicodeDecodeError:
        print("input is not valid UTF-8; read as Latin-1", file=sys.stderr)
        counts = count_words(source, "latin-1")
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]
    partial = os.path.join(os.path.dirname(target) or ".", "." + os.path.basename(target) + ".part")
    with open(partial, "w", encoding="utf-8") as out:
        for word, count in top:
            out.write(f"{word} {count}\n")
    os.replace(partial, target)


def bundle(argv):
    """--in-dirs INPUT OUTPUT N [--archive ZIP] DIR...: every DIR is one file; a failure is that file's alone."""
    if len(argv) < 6:
        print("usage: topwords.py --in-dirs INPUT OUTPUT N [--archive ZIP] DIR...", file=sys.stderr)
        return 2
    source, target, n, folders = argv[2], argv[3], int(argv[4]), argv[5:]
    archive = None
    if folders[0] == "--archive":
        if len(folders) < 3:
            print("usage: topwords.py --in-dirs INPUT OUTPUT N [--archive ZIP] DIR...", file=sys.stderr)
            return 2
        archive, folders = folders[1], folders[2:]
    for folder in folders:
        try:
            top_words(os.path.join(folder, source), os.path.join(folder, target), n)
        except (OSError, ValueError) as e:
            with open(os.path.join(folder, "reason.txt"), "w", encoding="utf-8") as reason:
                reason.write(f"topwords: {e}\n")
    if archive:
        pack(archive, folders, target)
    return 0


def pack(archive, folders, target):
    """Each folder's result (or reason.txt) into one zip, stored: the daemon reads entries by name, never expands."""
    partial = os.path.join(os.path.dirname(archive) or ".", "." + os.path.basename(archive) + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as out:
        for folder in folders:
            for name in (target, "reason.txt"):
                path = os.path.join(folder, name)
                if os.path.isfile(path):
                    out.write(path, arcname=folder + "/" + name)
    os.replace(partial, archive)


def main(argv):
    if len(argv) > 1 and argv[1] == "--in-dirs":
        return bundle(argv)
    if len(argv) not in (3, 4):
        print("usage: topwords.py INPUT OUTPUT [N]", file=sys.stderr)
        return 2
    source, target = argv[1], argv[2]
    n = int(argv[3]) if len(argv) == 4 else 3
    if n < 1:
        print("N must be at least 1", file=sys.stderr)
        return 2
    top_words(source, target, n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
