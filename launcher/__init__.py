"""What start_services.py is made of: its child processes and the production profile's front server."""
