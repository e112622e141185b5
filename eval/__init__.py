"""Evaluation: retrieval and answer quality, KPI extraction accuracy, speed — rerunnable with `python -m eval`."""
