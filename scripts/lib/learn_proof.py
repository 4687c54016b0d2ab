"""Helpers of scripts/learn-proof: strip the reply corrections from an overlay, and
compare what `apiref learn` wrote with what a person wrote.

  learn_proof.py strip OVERLAY OUT [KEEP...]
                                       OVERLAY without its response.fields tables
                                       (but those of the operations KEEP names)
  learn_proof.py compare HAND LEARNT [KEEP...]
                                       how many hand-written reply corrections the
                                       learnt overlay reproduces (KEEP's left out)
"""

import re
import sys
import tomllib

HEADER = re.compile(r'^\[(?P<op>"[^"]*"|[A-Za-z0-9_:*-]+)\.(?P<rest>.*)\]\s*(#.*)?$')


def strip(src, out, *keep):
    """Drops every `[OP.response.fields."PATH"]` table (of an OP not in `keep`),
    with its keys and the comment lines right above it; everything else stays as
    written."""
    lines = open(src, encoding="utf-8").read().split("\n")
    kept, comments, skipping = [], [], False
    for line in lines:
        m = HEADER.match(line.strip())
        if line.startswith("["):
            skipping = bool(
                m
                and m.group("rest").startswith("response.fields.")
                and m.group("op").strip('"') not in keep
            )
            if skipping:
                comments = []
                continue
        if skipping and line.strip() and not line.startswith("#"):
            continue
        skipping = False
        if line.startswith("#"):
            comments.append(line)
            continue
        kept.extend(comments)
        comments = []
        kept.append(line)
    kept.extend(comments)
    open(out, "w", encoding="utf-8").write("\n".join(kept))


def reply_fields(path, keep=()):
    """{(operation as generated, field path): keys} of the response fields, with
    entries of a renamed operation under its new name."""
    doc = tomllib.load(open(path, "rb"))
    renames = {
        op: t["operation"]["name"]
        for op, t in doc.items()
        if isinstance(t, dict) and "name" in t.get("operation", {})
    }
    out = {}
    for op, table in doc.items():
        if op == "reference" or op in keep or not isinstance(table, dict):
            continue
        for field, keys in table.get("response", {}).get("fields", {}).items():
            out[(renames.get(op, op), field)] = keys
    return out


def meaning(keys):
    """What an entry changes: default values (`required = false` on a new field,
    descriptions) say nothing to decoding."""
    return {
        k: v
        for k, v in keys.items()
        if k in ("type", "nullable", "remove", "required", "enum")
        and not (k == "required" and v is False)
        and not (k == "nullable" and v is False)
    }


def compare(hand_path, learnt_path, *keep):
    hand, learnt = reply_fields(hand_path, keep), reply_fields(learnt_path, keep)
    same, other_type, missed = [], [], []
    for key, keys in hand.items():
        if key not in learnt:
            missed.append(key)
            continue
        h, l = meaning(keys), meaning(learnt[key])
        (same if h == l else other_type).append((key, h, l))
    extra = [k for k in learnt if k not in hand]
    print(f"hand-written reply corrections: {len(hand)}")
    print(f"learnt entries: {len(learnt)}")
    print(f"reproduced exactly: {len(same)}")
    print(f"reproduced, keys differ: {len(other_type)}")
    for (op, field), h, l in other_type:
        print(f"  {op} {field}: by hand {h}, learnt {l}")
    print(f"not reproduced: {len(missed)}")
    for op, field in missed:
        print(f"  {op} {field}")
    print(f"learnt, none by hand: {len(extra)}")
    for op, field in extra:
        print(f"  {op} {field}: {meaning(learnt[(op, field)])}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"strip": strip, "compare": compare}[command](*args)
