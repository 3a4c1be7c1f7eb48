"""Results as people read them: terminal tables, CSV/JSON, charts and the leader's briefing."""
