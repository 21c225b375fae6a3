"""The partnership's local library: redacted on the way in, indexed beside the Panel's corpus, searched
alongside it. The originals are never stored."""
