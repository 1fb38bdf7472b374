"""The notification centre: in-app notices beside emails and texts, read marks, the app lane."""
