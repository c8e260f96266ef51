"""Errors every layer may raise and every view knows how to show."""


class ErrorDeDominio(Exception):
    """A rule of the domain was not met; the message is safe to show to the user."""
