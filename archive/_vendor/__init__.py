"""Third-party code copied into the project (see README.md here)."""
