"""INAI bulletin pipeline: ingest → extract → store → reconcile → serve."""
