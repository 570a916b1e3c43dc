"""Checks redress_client's channels from the environment against a grpcio server on 127.0.0.1:0
that serves TLS (intake's development certificate) on one port and plaintext on another and answers
every method with an empty message, remembering the authorization header it saw.

Usage: check.py <dev dir>   (scripts/dev-credentials and scripts/dev-tokens output; needs
REDRESS_PYTHON_GEN and clients/python on PYTHONPATH). Exits non-zero on a failed check.
"""

import concurrent.futures
import os
import sys
import unittest

import grpc

import redress_client
from redress.intake.v1 import intake_pb2

DEV = sys.argv.pop(1)


def dev(name):
    return os.path.join(DEV, name)


def read(path):
    with open(path, "rb") as f:
        return f.read()


class _Recorder(grpc.GenericRpcHandler):
    def __init__(self):
        self.authorization = None

    def service(self, handler_call_details):
        def answer(request, context):
            self.authorization = dict(context.invocation_metadata()).get("authorization", "(none)")
            return b""
        return grpc.unary_unary_rpc_method_handler(answer)


class ClientTlsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.recorder = _Recorder()
        cls.server = grpc.server(concurrent.futures.ThreadPoolExecutor(max_workers=2),
                                 handlers=[cls.recorder])
        tls = grpc.ssl_server_credentials([(read(dev("intake.key")), read(dev("intake.pem")))])
        cls.tls_port = cls.server.add_secure_port("127.0.0.1:0", tls)
        cls.plaintext_port = cls.server.add_insecure_port("127.0.0.1:0")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop(None)

    def call(self, port, **env):
        """Calls GetComplaint through redress_client.connect(env); the authorization seen."""
        self.recorder.authorization = None
        env["REDRESS_INTAKE"] = f"127.0.0.1:{port}"
        with redress_client.connect(env) as suite:
            suite.intake.GetComplaint(intake_pb2.GetComplaintRequest(name="complaints/c-1"),
                                      timeout=3)
        return self.recorder.authorization

    def test_no_ca_is_plaintext(self):
        self.assertEqual(self.call(self.plaintext_port), "(none)")
        with self.assertRaises(grpc.RpcError) as raised:
            self.call(self.tls_port)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.UNAVAILABLE)

    def test_ca_only_is_tls_without_token(self):
        self.assertEqual(self.call(self.tls_port, REDRESS_CA_FILE=dev("ca.pem")), "(none)")

    def test_token_file_is_sent_as_bearer(self):
        jwt = read(dev("tokens/caseworker.jwt")).decode().strip()
        self.assertEqual(self.call(self.tls_port, REDRESS_CA_FILE=dev("ca.pem"),
                                   REDRESS_TOKEN_FILE=dev("tokens/caseworker.jwt")),
                         f"Bearer {jwt}")

    def test_token_is_sent_as_bearer(self):
        self.assertEqual(self.call(self.tls_port, REDRESS_CA_FILE=dev("ca.pem"),
                                   REDRESS_TOKEN="token-123"), "Bearer token-123")

    def test_bad_configuration_raises_before_any_call(self):
        cases = [
            ({"REDRESS_TOKEN": "token-123"}, "REDRESS_CA_FILE is not"),
            ({"REDRESS_CA_FILE": dev("ca.pem"), "REDRESS_TOKEN": "a", "REDRESS_TOKEN_FILE": "b"},
             "REDRESS_TOKEN and REDRESS_TOKEN_FILE are both set"),
            ({"REDRESS_CA_FILE": dev("no-such-ca.pem")}, "REDRESS_CA_FILE"),
        ]
        for env, message in cases:
            with self.assertRaises(redress_client.ConfigurationError) as raised:
                redress_client.connect(env)
            self.assertIn(message, str(raised.exception))


if __name__ == "__main__":
    unittest.main(verbosity=2)
