"""SPARQL text and results, engine-independent: checks made on query text before an engine sees it
(:mod:`.text`), parameters written in as a VALUES row (:mod:`.bindings`), and results serialized
for the SPARQL 1.1 Protocol (:mod:`.formats`).
"""
