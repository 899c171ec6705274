"""The judge: does a brief's every number, name and claim trace to the release?

A foundation, not a consumer: it imports only the numeric core (service/numeric), the word layer
(service/lexicon) and the service kernel (errors, settings). The brief imports it to guard what the
model writes; `pressbrief eval`, the benchmarks and the batch checks import it to score briefs.
"""
