#!/usr/bin/env python3
"""Writes generator/tests/corpus_facts.tsv: facts about every corpus doc, found by
this small reader that shares no code with the Rust one, so that the Rust test
(generator/tests/corpus_facts.rs) checks two independent readings against each other.

    scripts/corpus-facts.py ../shared/corpus/compute-v2.1 > generator/tests/corpus_facts.tsv

One line per table: file, method, path, table index, kind, row count, and an FNV-1a
64 hash of its rows (`name\\x1ftype\\x1frequired\\x1e` for parameters,
`code\\x1fname\\x1e` for response codes).
"""
import os
import sys

KINDS = [
    ("response codes", "response_codes"),
    ("uri parameters", "uri"),
    ("query parameters", "query"),
    ("body parameters for the request", "request_body"),
    ("body parameters for the response", "response_body"),
]


def fnv1a(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def rows_of(lines):
    """Rows of a grid table: cell fragments between border lines, per column."""
    bounds = [i for i, c in enumerate(lines[0]) if c == "+"]
    rows, current = [], None
    for line in lines:
        if line.startswith("+"):
            if current is not None and any("".join(c).strip() for c in current):
                rows.append(current)
            current = [[] for _ in bounds[:-1]]
            continue
        cells = [line[a + 1:b] for a, b in zip(bounds, bounds[1:])]
        for col, cell in enumerate(cells):
            if cell.strip():
                current[col].append(cell.strip())
    return rows


def main(folder):
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".rst"):
            continue
        lines = open(os.path.join(folder, name), encoding="utf-8").read().splitlines()
        method = path = ""
        for i, line in enumerate(lines):
            if line.strip() == ".. code-block:: javascript":
                rest = [l for l in lines[i + 1:] if l.strip()]
                method, path = rest[0].split(None, 1)
                break
        index = 0
        i = 0
        while i < len(lines):
            low = lines[i].lower()
            kind = next((k for phrase, k in KINDS if low.startswith("this table shows") and phrase in low), None)
            if kind:
                j = i + 1
                while not lines[j].startswith("+"):
                    j += 1
                k = j
                while k < len(lines) and lines[k][:1] in ("+", "|"):
                    k += 1
                table = lines[j:k]
                rows = rows_of(table)[1:]  # the header row
                text = ""
                for cols in rows:
                    if kind == "response_codes":
                        text += "".join(cols[0]) + "\x1f" + " ".join(cols[1]) + "\x1e"
                    else:
                        ty = " ".join(cols[1])
                        required = "*(Required)*" in ty.replace(" ", "")
                        ty = " ".join(ty.replace("*(Required)*", "").split())
                        text += "".join(cols[0]) + "\x1f" + ty + "\x1f" + str(required).lower() + "\x1e"
                print("\t".join([name, method, path.strip(), str(index), kind, str(len(rows)), fnv1a(text)]))
                index += 1
                i = k
            else:
                i += 1


if __name__ == "__main__":
    main(sys.argv[1])
