"""What ipcast reads and keeps: the bundled history, catalogs, plan target files, the planner's
own files and the user store."""
