"""Where the marketing tests' main API says the web app and the API are (a plain module: tests import it by name)."""

WEB, API = "https://retreats.example", "https://api.retreats.example"
