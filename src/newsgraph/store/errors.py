"""The one error the store raises: its message says what went wrong and what to do."""


class StoreError(Exception):
    """A database that cannot be opened, read or written as asked; the message names the fix."""
