"""The archive itself: store, importers, search, use cases. Never imports Qt."""
