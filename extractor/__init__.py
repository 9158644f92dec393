"""bytes → blocks → clean lines → plans → outline → tasks, months, bodies, themes."""
