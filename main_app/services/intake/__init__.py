"""Intake: the questions an event asks the people who book it, and their answers."""
