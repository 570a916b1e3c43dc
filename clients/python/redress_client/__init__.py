"""A small Python client for the Redress services (intake, investigation, remedy).

The messages and stubs are generated from protos/ by clients/python/generate.sh; they are not
committed. Importing this package puts the generated code on sys.path: the directory named by
$REDRESS_PYTHON_GEN, else clients/python/gen (generate.sh's default). Afterwards the generated
modules import as their proto packages say, for example
`from redress.intake.v1 import intake_pb2`.

Runs on Debian's python3 (/usr/bin/python3) with python3-grpcio and python3-protobuf.

    with redress_client.connect() as suite:
        complaint = suite.intake.SubmitComplaint(intake_pb2.SubmitComplaintRequest(...))

The channels are TLS when REDRESS_CA_FILE names a CA bundle, with the bearer token of
REDRESS_TOKEN or REDRESS_TOKEN_FILE on every call, and plaintext when it is unset (only an
insecure development server accepts that); redress_client.credentials has the details.

Errors are grpc.RpcError; redress_client.errors decodes their google.rpc details.
"""

import os
import sys

_GEN = os.environ.get("REDRESS_PYTHON_GEN") or os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "gen")
if not os.path.isdir(os.path.join(_GEN, "redress")):
    raise ImportError(f"no generated Redress code in {_GEN}: run clients/python/generate.sh"
                      " (or set REDRESS_PYTHON_GEN to its output directory)")
if _GEN not in sys.path:
    sys.path.insert(0, _GEN)

from .credentials import (  # noqa: E402  (after the path is set)
    ConfigurationError, channel_credentials, open_channel)
from redress.intake.v1 import intake_pb2_grpc  # noqa: E402
from redress.investigation.v1 import investigation_pb2_grpc  # noqa: E402
from redress.remedy.v1 import remedy_pb2_grpc  # noqa: E402

# Where each service listens unless its environment variable says otherwise (scripts/run's ports).
DEFAULT_ADDRESSES = {
    "REDRESS_INTAKE": "127.0.0.1:50051",
    "REDRESS_INVESTIGATION": "127.0.0.1:50052",
    "REDRESS_REMEDY": "127.0.0.1:50053",
}


def address(variable, environ=None):
    """The address in environment variable `variable` of `environ` (os.environ), else its default
    (DEFAULT_ADDRESSES)."""
    environ = os.environ if environ is None else environ
    return environ.get(variable) or DEFAULT_ADDRESSES[variable]


class Suite:
    """Stubs for the three services; close() (or `with`) closes their channels.

    `credentials` (grpc.ChannelCredentials, see channel_credentials) secures the channels; None
    means plaintext. Every stub method takes the request and optionally timeout= (seconds) and
    metadata=; it returns the response or raises grpc.RpcError.
    """

    def __init__(self, intake_address, investigation_address, remedy_address, credentials=None):
        self._channels = [open_channel(a, credentials)
                          for a in (intake_address, investigation_address, remedy_address)]
        self.intake = intake_pb2_grpc.IntakeStub(self._channels[0])
        self.investigation = investigation_pb2_grpc.InvestigationsStub(self._channels[1])
        self.remedy = remedy_pb2_grpc.RemedyStub(self._channels[2])

    def close(self):
        for channel in self._channels:
            channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def connect(environ=None):
    """A Suite at $REDRESS_INTAKE, $REDRESS_INVESTIGATION and $REDRESS_REMEDY (or the defaults),
    secured as $REDRESS_CA_FILE and $REDRESS_TOKEN or $REDRESS_TOKEN_FILE say.

    `environ` defaults to os.environ. Raises ConfigurationError, before any call, when those
    variables cannot be used.
    """
    environ = os.environ if environ is None else environ
    credentials = channel_credentials(environ)
    return Suite(address("REDRESS_INTAKE", environ), address("REDRESS_INVESTIGATION", environ),
                 address("REDRESS_REMEDY", environ), credentials)
