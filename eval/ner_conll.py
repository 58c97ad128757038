"""The dev half of the blind news-NER set as CoNLL training sentences for the tagger (`make model`).

Each dev article (eval/data/ner_news.tsv, days of the dev half) is cleaned as marsad cleans it; its
sentences are tokenized as the tagger tokenizes them, and each gold mention tags the tokens it covers
(B- on the first, I- on the rest; a mention starting after a proclitic tags the whole token). Output:
one `token<TAB>tag` line per token, a blank line between sentences. The test half is never written, nor
the dev batches after LEARNT_UNTIL (eval.ner_news says why).
Run: python -m eval.ner_conll --shared ../shared --out /tmp/news.conll
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eval.ner_news import LEARNT_UNTIL, halves, in_body
from eval.verify import _rows, day_articles, story_of
from marsad.ner.features import TOKEN_RE

Sentence = list[tuple[str, str]]


def dev_sentences(shared: Path) -> list[Sentence]:
    """Return the dev articles' sentences as (token, BIO tag) pairs, articles in the set's order."""
    half_of = halves(shared)
    gold: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for aid, day, index, start, end, kind in _rows("ner_news.tsv"):
        if half_of[day] == "dev" and int(aid[1:]) <= LEARNT_UNTIL:
            gold.setdefault((day, int(index)), []).append((int(start), int(end), kind))
    out: list[Sentence] = []
    for (day, index), mentions in gold.items():
        record = day_articles(shared, day)[index]
        doc = story_of([record], stages=False).docs[0]
        body = doc.article.body
        spans = [s for m in mentions if (s := _located(record["content"], body, m)) is not None]
        for sentence in doc.sentences:
            tokens = list(TOKEN_RE.finditer(body, sentence.start, sentence.end))
            tags = ["O"] * len(tokens)
            for start, end, kind in spans:
                covered = [k for k, t in enumerate(tokens) if t.start() < end and start < t.end()]
                for n, k in enumerate(covered):
                    tags[k] = ("B-" if n == 0 else "I-") + kind
            out.append([(t.group(), tag) for t, tag in zip(tokens, tags, strict=True)])
    return out


def _located(content: str, body: str, mention: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """Return a gold mention's body offsets with its type, or None when cleaning removed its line."""
    where = in_body(content, body, mention[0], mention[1])
    return None if where is None else (*where, mention[2])


def write(sentences: list[Sentence], path: Path) -> None:
    """Write sentences in CoNLL form: token<TAB>tag lines, a blank line after each sentence."""
    path.write_text("".join("".join(f"{t}\t{g}\n" for t, g in s) + "\n" for s in sentences if s), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line: write the dev half as CoNLL."""
    parser = argparse.ArgumentParser(prog="python -m eval.ner_conll")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    sentences = dev_sentences(args.shared)
    write(sentences, args.out)
    print(f"{len(sentences)} sentences, {sum(len(s) for s in sentences)} tokens -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
