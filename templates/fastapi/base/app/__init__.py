"""The API package. Start it with `python -m app`; build it with `app.main.create_app()`."""
