"""Benchmarks for the Rapid Review Assistant: `python -m bench` (`make bench`). See bench/README.md."""
