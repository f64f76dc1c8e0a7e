"""`piu-filter report`: the audit of a dataset as one self-contained HTML page and a `report.json`.

Reads the outputs of `run` and `scan` (records, stats, done markers, optional embeddings and
dedup groups), computes every figure from the records, draws the plots inline and writes a page
that opens offline. Entity text never enters the report: only types and where they were found.
"""
