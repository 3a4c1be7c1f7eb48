"""Paths into answers: levers and scenarios applied to baseline paths, targets judged on every
path, revision, goal seeking, drafts and sensitivity."""

# Every command's default number of paths, so that a target's probability is the same number
# whichever command shows it (run, revise, draft, brief, levers).
PATHS = 4000
