"""marsad: turn many Arabic news articles from many outlets into one verified story."""

__version__ = "0.1.0"
