#!/usr/bin/env python3
"""Writes the N most frequent words of a text file, one "word count" per line, most frequent first.

Usage: topwords.py INPUT OUTPUT [N]

Words are runs of letters, digits and apostrophes, compared case-insensitively; ties are ordered
alphabetically so the result is deterministic. The input is read line by line (any size), as UTF-8
(a BOM is skipped); a file that is not valid UTF-8 is read as Latin-1, and a note says so on stderr.
"""
import collections
import re
import sys

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def count_words(path, encoding):
    counts = collections.Counter()
    with open(path, encoding=encoding, errors="strict") as lines:
        for line in lines:
            counts.update(w.lower() for w in WORD.findall(line))
    return counts


def main(argv):
    if len(argv) not in (3, 4):
        print("usage: topwords.py INPUT OUTPUT [N]", file=sys.stderr)
        return 2
    source, target = argv[1], argv[2]
    n = int(argv[3]) if len(argv) == 4 else 3
    if n < 1:
        print("N must be at least 1", file=sys.stderr)
        return 2
    try:
        counts = count_words(source, "utf-8-sig")
    except UnicodeDecodeError:
        print("input is not valid UTF-8; read as Latin-1", file=sys.stderr)
        counts = count_words(source, "latin-1")
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]
    with open(target, "w", encoding="utf-8") as out:
        for word, count in top:
            out.write(f"{word} {count}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
