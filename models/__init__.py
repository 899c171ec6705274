"""Model registry, default-model assembly and loaders."""
