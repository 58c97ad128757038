"""Named-entity recognition: an article's sentences in, its mentions (PER, LOC, ORG, MISC) out as spans.

At run time: `tagger` (the CRF tagging each sentence, names propagated within the article, proclitics
left outside the spans), `features` (token features, the gazetteer and trigger lexicon), `scores`
and `crf` (the model's weights and Viterbi decoding in numpy). For training only (the `train` extra
and ../shared): `train` (`python -m marsad.ner.train`, which `make model` runs), `corpus` (ANERcorp
and CoNLL scoring, also used by eval/ner.py) and `clusters` (word clusters from SaudiNewsNet).
"""
