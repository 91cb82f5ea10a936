"""Errors that end a run with exit code 2 and a one-line message (never a traceback)."""


class FactlintError(Exception):
    """A usage, configuration or I/O problem the user must fix."""


class RuleFileError(FactlintError):
    def __init__(self, path, problem: str):
        super().__init__(f"{path}: {problem}")
