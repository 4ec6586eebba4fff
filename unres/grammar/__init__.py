"""The passes of the parse stage and the vocabulary they share; `unres/parse.py` runs them in order."""
