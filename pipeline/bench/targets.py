"""Targets from the "Batch speed" issue; the command prints each figure next to its target and asserts nothing."""

TARGET_VS_BLANK = 0.7  # our 1-worker docs/s ÷ spacy.blank("es") tokenization docs/s
TARGET_SPEEDUP = 1.7  # 2-worker docs/s ÷ 1-worker docs/s
TARGET_RERUN_SHARE = 0.05  # unchanged re-run ÷ full run
TARGET_VS_PYPDFIUM = 0.5  # our read_pdf pages/s ÷ plain pypdfium2 pages/s
TARGET_SCALE_DOCS = 100_000
TARGET_SCALE_SECONDS = 300.0
TARGET_RSS_MB = 400.0
