"""Services that are not HTTP: bulk ingest (folders, archives, reparse),
background jobs and archive safety. The API and the CLI both call them."""
