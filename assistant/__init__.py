"""Japanese question answering over municipal 地方創生 grant reports: exact KPI records, hybrid search, cited answers."""

__version__ = "0.1.0"
