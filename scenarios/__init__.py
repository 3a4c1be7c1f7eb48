"""Paths into answers: levers and scenarios applied to baseline paths, targets judged on every
path, revision, goal seeking, drafts and sensitivity."""
