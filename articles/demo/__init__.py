"""The demo newsroom loaded by `manage.py load_demo`: original texts and drawn illustrations."""
