"""Shared by the named-entity tests: the shipped model's tags as pycrfsuite itself gives them."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources

import pycrfsuite

from marsad.ner.features import NEWS_CONVENTIONS, default_lexicon, features
from marsad.ner.tagger import MODEL_FILE


def pycrfsuite_tags(sentences: list[list[str]]) -> list[list[str]]:
    """Tag sentences with pycrfsuite itself, on the shipped model and every feature string (news conventions)."""
    tagger = pycrfsuite.Tagger()
    with resources.as_file(resources.files("marsad").joinpath("data", MODEL_FILE)) as path:
        tagger.open(str(path))
    lexicon = replace(default_lexicon(), conventions=NEWS_CONVENTIONS)
    return [list(tagger.tag(features(s, lexicon))) for s in sentences]
