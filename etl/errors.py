"""The errors a job reports to its caller as a clear message and a non-zero exit."""


class EtlError(Exception):
    """A failure the job explains itself (bad input, missing data, failed checks)."""


class MissingInput(EtlError):
    """Input the job needs is absent: fail the step rather than succeed on nothing."""
