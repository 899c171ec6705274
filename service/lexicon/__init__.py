"""The word layer the judge and the brief share: Chinese detection and CC-CEDICT.

It sits below both (it imports nothing of the project but the numeric core), so the judge can read
words without importing the brief. The glossary and the province table live in the numeric core.
"""
