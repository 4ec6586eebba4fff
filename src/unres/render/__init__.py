"""Renderers: each output format is its own module, reading models and returning text or rich renderables.

Renderers never parse, align or read files; they only show results.
"""
