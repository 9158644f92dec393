"""One module per resource; app.py includes them all."""
