"""The catalogue read as plain rows (events, sessions, the timetable); the demo accounts and events."""
