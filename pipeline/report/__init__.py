"""The offline report (output/report.html) and the timeline chart Datasette shows at /-/chart."""

from pipeline.report.page import report_html, write_report
from pipeline.report.timeline import legend, timeline_rows, timeline_svg

__all__ = ["legend", "report_html", "timeline_rows", "timeline_svg", "write_report"]
