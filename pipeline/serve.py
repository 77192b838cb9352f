"""Serve the database with Datasette, read-only and local by default."""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent / "datasette"
METADATA = HERE / "metadata.yml"
PLUGINS = HERE / "plugins"
TEMPLATES = HERE / "templates"


def metadata_for(db_path: str) -> dict:
    """The metadata file, keyed by this database's name (Datasette names a database after its file)."""
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    name = Path(db_path).stem
    metadata["databases"] = {name: metadata["databases"]["timeline"]}
    metadata["description_html"] = metadata["description_html"].replace('href="/timeline/', f'href="/{name}/')
    return metadata


def make_datasette(db_path: str):
    """A Datasette instance on the database opened immutable: nothing can write to it."""
    from datasette.app import Datasette

    return Datasette(
        immutables=[db_path],
        metadata=metadata_for(db_path),
        plugins_dir=str(PLUGINS),
        template_dir=str(TEMPLATES),
        settings={"sql_time_limit_ms": 5000, "default_page_size": 100},
    )


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8001) -> None:
    import uvicorn

    datasette = make_datasette(db_path)
    print(f"Serving {db_path} read-only at http://{host}:{port}/  (Ctrl-C to stop)")
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
