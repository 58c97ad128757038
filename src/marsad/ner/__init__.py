"""Named-entity recognition: an article's sentences in, its mentions (PER, LOC, ORG, MISC) out as spans.

At run time: `tagger` (the CRF tagging each sentence, the news layers applied, names propagated
within the article, proclitics left outside the spans), `features` (token features, the gazetteer
and trigger lexicon), `scores` and `crf` (the model's weights and Viterbi decoding in numpy), and the
news layers over the CRF's tags: `phrases` (a head noun with its modifier chain as one organisation
or place), `filters` (back-references, formulae, adjectives; places in constructs and datelines) and
`lists` (clubs, media and armed groups mined from SaudiNewsNet, tagged alone in their context).
For training only (the `train` extra and ../shared): `train` (`python -m marsad.ner.train`, which
`make model` runs, on ANERcorp and the news set's dev half), `corpus` (ANERcorp, CoNLL reading and
scoring, also used by eval/ner.py), `clusters` (word clusters from SaudiNewsNet) and the miner of
`lists` (`python -m marsad.ner.lists`).
"""
