"""Scrapy glue for newsarchive: settings, add-on, capture, pipelines, CLI."""
