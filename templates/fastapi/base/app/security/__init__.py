"""One module per security control; `app.main.create_app` wires them in order."""
