"""Decodes the rich error details of a failed Redress call into readable text.

A Redress service that fails a call sends, besides the gRPC code and message, a google.rpc.Status
serialized in the `grpc-status-details-bin` trailer. Its `details` are Any messages; the API
uses three (DESIGN §4):
  - google.rpc.BadRequest: the invalid fields of an INVALID_ARGUMENT, one violation each;
  - google.rpc.PreconditionFailure: why the state does not allow a FAILED_PRECONDITION;
  - google.rpc.ErrorInfo: a stable machine-readable `reason` (and domain, metadata).
Details of other types are kept in `status` and otherwise ignored.
"""

import dataclasses
from typing import List, Optional

import grpc
from google.rpc import error_details_pb2, status_pb2

STATUS_DETAILS_KEY = "grpc-status-details-bin"


@dataclasses.dataclass
class ErrorDetails:
    """A failed call's code and message and its decoded google.rpc details (None where absent)."""

    code: grpc.StatusCode
    message: str
    status: Optional[status_pb2.Status] = None
    bad_request: Optional[error_details_pb2.BadRequest] = None
    precondition_failure: Optional[error_details_pb2.PreconditionFailure] = None
    error_info: Optional[error_details_pb2.ErrorInfo] = None

    @property
    def reason(self) -> str:
        """ErrorInfo's reason, or "" when there is none."""
        return self.error_info.reason if self.error_info else ""

    def field_violations(self) -> List[error_details_pb2.BadRequest.FieldViolation]:
        """BadRequest's field violations, in the order sent (empty when there are none)."""
        return list(self.bad_request.field_violations) if self.bad_request else []

    def describe(self) -> str:
        """Several lines: `CODE: message`, then one indented line per violation and the reason."""
        lines = [f"{self.code.name}: {self.message}"]
        for v in self.field_violations():
            lines.append(f"  field {v.field}: {v.description}")
        if self.precondition_failure:
            for v in self.precondition_failure.violations:
                lines.append(f"  precondition {v.type} on {v.subject}: {v.description}")
        if self.error_info:
            info = self.error_info
            metadata = ", ".join(f"{k}={info.metadata[k]}" for k in sorted(info.metadata))
            lines.append(f"  reason {info.reason} (domain {info.domain})"
                         + (f": {metadata}" if metadata else ""))
        return "\n".join(lines)


def decode(error: grpc.RpcError) -> ErrorDetails:
    """The details of `error`, as raised by a stub method; an undecodable trailer is ignored."""
    result = ErrorDetails(code=error.code(), message=error.details() or "")
    for key, value in error.trailing_metadata() or ():
        if key != STATUS_DETAILS_KEY:
            continue
        status = status_pb2.Status()
        try:
            status.ParseFromString(value)
        except Exception:  # a malformed trailer: keep the code and message only
            return result
        result.status = status
        for any_detail in status.details:
            for field, cls in (("bad_request", error_details_pb2.BadRequest),
                               ("precondition_failure", error_details_pb2.PreconditionFailure),
                               ("error_info", error_details_pb2.ErrorInfo)):
                if any_detail.Is(cls.DESCRIPTOR):
                    message = cls()
                    any_detail.Unpack(message)
                    setattr(result, field, message)
    return result


def describe(error: grpc.RpcError) -> str:
    """decode(error).describe(): the error as readable lines."""
    return decode(error).describe()
