"""Sources of articles: files, feeds and pages; the one HTTP client module (``http.py``)."""
