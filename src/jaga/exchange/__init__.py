"""Hash-list exchange: file formats, and connectors that keep banks in sync with upstream lists."""
