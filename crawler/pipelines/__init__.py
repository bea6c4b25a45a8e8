"""Item pipelines, in data-flow order: extract -> corpus -> index."""
