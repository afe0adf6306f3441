"""SPARQL text and results, engine-independent: what a query may do, decided from its parsed form
before an engine runs it (:mod:`.guard`), size limits checked on its text before any parser reads
it (:mod:`.text`), parameters written in as a VALUES row (:mod:`.bindings`), and results serialized
for the SPARQL 1.1 Protocol (:mod:`.formats`).
"""
