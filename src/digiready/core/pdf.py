"""PDF documents from the same Jinja templates as pages, with WeasyPrint.

Nothing is fetched from the network while rendering: a document may only use what is inside it.
"""

from __future__ import annotations

from typing import Any


class PdfUnavailableError(RuntimeError):
    """WeasyPrint needs the Pango library from the operating system, and it is missing."""


def _no_network(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"PDFs are made offline; {url} was not fetched")


def render_pdf(html: str) -> bytes:
    try:
        import weasyprint
    except OSError as error:
        raise PdfUnavailableError(
            "PDFs need the Pango library (Debian: apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0)."
        ) from error
    return weasyprint.HTML(string=html, url_fetcher=_no_network).write_pdf()
