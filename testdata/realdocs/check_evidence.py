#!/usr/bin/env python3
"""Check an evaluation file against a corpus folder.

Usage: check_evidence.py CORPUS_DIR EVAL.yaml [EVAL.yaml ...]

For every answerable case: each evidence string must occur in the file named
by `source` (when given) and somewhere in the corpus, after the same
normalisation citebot's eval applies (typographic quotes and dashes folded,
white space collapsed, lower-cased). Evidence found in more than one file is
reported as ambiguous. Unanswerable cases must carry no evidence. Ids must be
unique across all files given. Exit status 1 on any error.
"""
import os
import re
import sys

import yaml

FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
}


def norm(s):
    for k, v in FOLD.items():
        s = s.replace(k, v)
    return " ".join(s.split()).lower()


def rendered(s):
    """The inline markup of reStructuredText as citebot shows it: ``x`` as
    `x`, a :doc: role as the name of the page it links to."""
    s = re.sub(r"``([^`]+)``", r"`\1`", s)
    return re.sub(r":doc:`(?:[^`<]*<)?([^`>]+)>?`", lambda m: m.group(1).rsplit("/", 1)[-1], s)


def load_corpus(root):
    docs = {}
    for dirpath, dirs, files in os.walk(root):
        dirs.sort()
        for f in sorted(files):
            ext = f.lower().rsplit(".", 1)[-1]
            if ext not in ("txt", "md", "mdx", "markdown", "rst"):
                continue
            p = os.path.join(dirpath, f)
            with open(p, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            docs[os.path.relpath(p, root)] = norm(rendered(text) if ext == "rst" else text)
    return docs


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    docs = load_corpus(sys.argv[1])
    errors, ambiguous, seen = 0, 0, {}
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as fh:
            cases = yaml.safe_load(fh)
        n_ans = n_un = 0
        per_source = {}
        for c in cases:
            cid = c.get("id")
            if cid in seen:
                print(f"ERROR {cid}: id also used in {seen[cid]}")
                errors += 1
            seen[cid] = path
            ev = c.get("evidence") or []
            if isinstance(ev, str):
                ev = [ev]
            if c.get("answerable") is not True:
                n_un += 1
                if ev:
                    print(f"ERROR {cid}: unanswerable case carries evidence")
                    errors += 1
                continue
            n_ans += 1
            src = c.get("source")
            per_source[src] = per_source.get(src, 0) + 1
            if not ev:
                print(f"ERROR {cid}: answerable case without evidence")
                errors += 1
            if src is not None and src not in docs:
                print(f"ERROR {cid}: source {src} is not a corpus file")
                errors += 1
            for e in ev:
                words = len(e.split())
                if words < 3 or words > 15:
                    print(f"NOTE  {cid}: evidence has {words} words: {e!r}")
                ne = norm(e)
                hits = [d for d, t in docs.items() if ne in t]
                if not hits:
                    print(f"ERROR {cid}: evidence not in corpus: {e!r}")
                    errors += 1
                elif src is not None and src not in hits:
                    print(f"ERROR {cid}: evidence not in {src} (found in {hits}): {e!r}")
                    errors += 1
                elif len(hits) > 1:
                    print(f"AMBIG {cid}: evidence in {len(hits)} files {hits}: {e!r}")
                    ambiguous += 1
        unused = sorted(set(docs) - set(per_source)) if per_source.get(None) is None else []
        print(f"{path}: {n_ans} answerable, {n_un} unanswerable, "
              f"{len([s for s in per_source if s])} source files used")
        if unused:
            print(f"  files without a question: {unused}")
    print(f"{errors} errors, {ambiguous} ambiguous evidence strings")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
