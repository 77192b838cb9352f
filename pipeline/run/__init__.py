"""The batch job: find input files, decide what changed, process in workers, write in one place.

Workers run ``process_file`` (bytes → Document → Extraction → rows), a pure
function, and send plain data back (the rows as ready SQL parameters). The main
process alone writes to SQLite, one transaction per document, and extracts too
whenever nothing waits to be written (see ``pool.map_in_workers``). Work streams in
batches with a bound on what is in flight, so memory does not grow with the corpus.

One job a module, in the order data flows: ``inputs`` (discovery), ``work`` (one
file in a worker), ``pool`` (the worker pool), ``runner`` (what changed, and the
single writer).
"""

from pipeline.run.inputs import SKIP_NAMES, Input, attach_provenance, discover
from pipeline.run.pool import BATCH, PIPE_BYTES, map_in_workers
from pipeline.run.runner import DEFAULT_TIMEOUT, Runner, RunSummary, run
from pipeline.run.work import DocumentTimeout, process_file, reextract_document, time_limit

__all__ = [
    "BATCH",
    "DEFAULT_TIMEOUT",
    "PIPE_BYTES",
    "SKIP_NAMES",
    "DocumentTimeout",
    "Input",
    "RunSummary",
    "Runner",
    "attach_provenance",
    "discover",
    "map_in_workers",
    "process_file",
    "reextract_document",
    "run",
    "time_limit",
]
