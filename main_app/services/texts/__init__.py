"""Texts (SMS): composing them, replies, the development folder and Twilio, the SMS lane."""
