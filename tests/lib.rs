//! Workspace-level tests for `clerk-sessions`; see `tests/` and `ui/`.
