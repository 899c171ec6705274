"""The brief, step by step in the order the data flows: ``pipeline`` wires the steps and times them;
``highlights`` picks the metrics, ``chunking`` and ``prompting`` build what the model reads, the model
writes, ``guard`` (with ``attribution``) checks every number and repairs, resamples or ``fallback``s,
``english`` tidies names left in Chinese, ``traditional`` makes the OpenCC copy; ``translate`` is the
sentence-by-sentence translation built from the same steps."""
